"""The staged build and its post-build steps: `python -m edelica_site.build`."""

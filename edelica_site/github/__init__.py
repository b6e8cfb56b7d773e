"""What the build and `make check` add when they run in a GitHub Actions job:
annotations on the lines of a pull request, and the job summary."""

"""The devserver: `make devserver`."""

"""Deployment: the DEPLOY setting and `make github`."""

"""BuildError lives here so that every post-build step and `python -m tools.build`
share one class (a step importing tools.build while it runs as __main__ would
otherwise get a second, different BuildError that main() does not catch)."""


class BuildError(Exception):
    """A build step failed; the message says what to fix."""

from .pages_written import *  # noqa: F401,F403

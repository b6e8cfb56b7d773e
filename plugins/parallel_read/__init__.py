from .parallel_read import *  # noqa: F401,F403

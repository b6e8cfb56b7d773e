from .parallel_write import *  # noqa: F401,F403

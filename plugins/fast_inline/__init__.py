from .fast_inline import *  # noqa: F401,F403

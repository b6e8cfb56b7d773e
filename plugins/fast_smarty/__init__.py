from .fast_smarty import *  # noqa: F401,F403

from .structured_data import *  # noqa: F401,F403

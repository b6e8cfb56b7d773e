from .callouts import *  # noqa: F401,F403

from .security_policy import *  # noqa: F401,F403

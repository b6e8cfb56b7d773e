from .content_rules import *  # noqa: F401,F403

from .reused_markdown import *  # noqa: F401,F403

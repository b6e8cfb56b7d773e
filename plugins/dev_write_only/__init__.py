from .dev_write_only import *  # noqa: F401,F403

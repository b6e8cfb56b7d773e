from .seo import *  # noqa: F401,F403

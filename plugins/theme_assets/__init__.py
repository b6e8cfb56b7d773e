from .theme_assets import *  # noqa: F401,F403

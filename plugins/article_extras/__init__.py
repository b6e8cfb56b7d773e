from .article_extras import *  # noqa: F401,F403

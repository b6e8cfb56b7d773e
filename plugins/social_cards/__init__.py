from .social_cards import *  # noqa: F401,F403

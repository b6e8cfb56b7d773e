from .frozen_urls import *  # noqa: F401,F403

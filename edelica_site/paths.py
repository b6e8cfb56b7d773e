"""Where the project is: the folder that holds pelicanconf.py, content/ and theme/."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

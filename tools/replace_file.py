"""Rewrite a built file by writing a new one and renaming it over the old.

The devserver's staging folder is made of hard links to the kept Pelican
output and the site being served (tools/pristine.py): writing into the
existing file would change those too. A rename replaces only this name.
Post-build steps that change a file use this.
"""

import os


def replace_text(path, text, encoding="utf-8"):
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding=encoding) as file:
        file.write(text)
    os.replace(tmp, path)


def replace_bytes(path, data):
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as file:
        file.write(data)
    os.replace(tmp, path)

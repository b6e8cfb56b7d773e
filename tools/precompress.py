"""Post-build step, always the LAST one: write file.gz and file.br next to every
text file, for servers that send precompressed files (nginx `gzip_static`,
see deploy/nginx.conf) instead of compressing on every request.

Maximum compression once at build time; gzip without a name or timestamp so
the same site gives the same bytes. A file that does not get smaller is left
alone. On when DEPLOY["PRECOMPRESS"] is True (publishconf.py).
"""

import gzip
import shutil

import brotli

from tools.deploy_config import deploy_settings

TEXT_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".svg",
                 ".webmanifest", ".map", ".ico"}


def compressed_versions(data):
    return {
        ".gz": gzip.compress(data, compresslevel=9, mtime=0),
        ".br": brotli.compress(data, quality=11),
    }


def precompress(output, settings):
    if not deploy_settings(settings)["PRECOMPRESS"]:
        return
    for path in sorted(output.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        data = path.read_bytes()
        for suffix, packed in compressed_versions(data).items():
            if len(packed) < len(data):
                target = path.with_name(path.name + suffix)
                target.write_bytes(packed)
                shutil.copystat(path, target)  # same Last-Modified whichever file is sent

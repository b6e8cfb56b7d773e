"""Post-build step, always the LAST one: write file.gz and file.br next to every
text file, for servers that send precompressed files (nginx `gzip_static`,
see deploy/nginx.conf) instead of compressing on every request.

Compressed once at build time; gzip without a name or timestamp so the same
site gives the same bytes. A file that does not get smaller is left alone.
On when DEPLOY["PRECOMPRESS"] is True (publishconf.py).

Brotli's quality 10-11 is 10-40x slower than 8 for about 12 % fewer bytes
(bench/README.md): the theme's assets (few files that every visitor fetches)
get 11, pages, feeds and search data (thousands of files) get 8. Files are
compressed on every core (zlib and brotli release the GIL).
"""

import gzip
import os
import shutil
from concurrent.futures import ThreadPoolExecutor

import brotli

from tools.deploy_config import deploy_settings

TEXT_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".svg",
                 ".webmanifest", ".map", ".ico"}
ASSET_SUFFIXES = {".css", ".js", ".mjs", ".svg", ".webmanifest", ".map", ".ico"}
BROTLI_QUALITY_ASSETS = 11
BROTLI_QUALITY_PAGES = 8


def compressed_versions(data, suffix=".css"):
    quality = BROTLI_QUALITY_ASSETS if suffix in ASSET_SUFFIXES else BROTLI_QUALITY_PAGES
    return {
        ".gz": gzip.compress(data, compresslevel=9, mtime=0),
        ".br": brotli.compress(data, quality=quality),
    }


def compress_file(path):
    data = path.read_bytes()
    for suffix, packed in compressed_versions(data, path.suffix).items():
        if len(packed) < len(data):
            target = path.with_name(path.name + suffix)
            target.write_bytes(packed)
            shutil.copystat(path, target)  # same Last-Modified whichever file is sent


def precompress(output, settings):
    if not deploy_settings(settings)["PRECOMPRESS"]:
        return
    files = [path for path in sorted(output.rglob("*"))
             if path.suffix in TEXT_SUFFIXES and path.is_file()]
    # Largest first, so one big feed does not finish last on its own.
    files.sort(key=lambda path: path.stat().st_size, reverse=True)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for _ in pool.map(compress_file, files):
            pass  # re-raises a worker's error here

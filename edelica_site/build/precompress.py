"""Post-build steps: write file.gz and file.br next to every text file, for
servers that send precompressed files (nginx `gzip_static`, see
deploy/nginx.conf) instead of compressing on every request. `precompress` runs
once no step changes the site's files any more, beside Pagefind;
`precompress_search_bundle` is the last step, for Pagefind's own files.

Compressed once at build time; gzip without a name or timestamp so the same
site gives the same bytes. A file that does not get smaller is left alone.
On when DEPLOY["PRECOMPRESS"] is True: nginxconf.py, the build for the clinic's own
nginx (`make rsync_upload`); the hosts `make publish` serves compress by themselves.

Levels: the theme's assets (a few files every visitor fetches) get brotli 11
and gzip 9; pages, feeds and search data (thousands of files) get brotli 5 and
gzip 6, which costs a few tenths of a percent more bytes than the top levels for
well under half the CPU. Files are compressed on every core (zlib and brotli
release the GIL).
"""

import gzip
import os
from concurrent.futures import ThreadPoolExecutor

import brotli

from edelica_site.build.search_index import BUNDLE_DIR
from edelica_site.build.site_files import site_files
from edelica_site.deploy.config import deploy_settings

TEXT_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".svg",
                 ".webmanifest", ".map", ".ico"}
ASSET_SUFFIXES = {".css", ".js", ".mjs", ".svg", ".webmanifest", ".map", ".ico"}
BROTLI_QUALITY_ASSETS, GZIP_LEVEL_ASSETS = 11, 9
BROTLI_QUALITY_PAGES, GZIP_LEVEL_PAGES = 5, 6


def compressed_versions(data, suffix=".css"):
    asset = suffix in ASSET_SUFFIXES
    return {
        ".gz": gzip.compress(data, compresslevel=GZIP_LEVEL_ASSETS if asset else GZIP_LEVEL_PAGES, mtime=0),
        ".br": brotli.compress(data, quality=BROTLI_QUALITY_ASSETS if asset else BROTLI_QUALITY_PAGES),
    }


def compress_file(path):
    data = path.read_bytes()
    stat = None
    for suffix, packed in compressed_versions(data, path.suffix).items():
        if len(packed) < len(data):
            target = path.with_name(path.name + suffix)
            target.write_bytes(packed)
            # Same Last-Modified whichever file is sent.
            stat = stat or path.stat()
            os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def precompress(output, settings):
    """Every text file but the search bundle, which Pagefind may still be writing:
    the build runs this while Pagefind indexes (edelica_site/build/pipeline.py)."""
    _precompress(settings, [output / rel for rel in site_files(output)])


def precompress_search_bundle(output, settings):
    """The text files of the search bundle, once Pagefind has finished."""
    bundle = output / BUNDLE_DIR
    _precompress(settings, [bundle / rel for rel in site_files(bundle, skip=())] if bundle.is_dir() else [])


def _precompress(settings, paths):
    if not deploy_settings(settings)["PRECOMPRESS"]:
        return
    files = [path for path in paths if path.suffix in TEXT_SUFFIXES]
    # Largest first, so one big feed does not finish last on its own.
    files.sort(key=lambda path: path.stat().st_size, reverse=True)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for _ in pool.map(compress_file, files):
            pass  # re-raises a worker's error here

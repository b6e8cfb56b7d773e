"""`make bench`, pictures: what the site publishes for phone photos, and how long it takes.

    python -m bench.images [--photos 10] [--size 4032x3024] [--results DIR] [--quiet]

Draws N phone photos (bench/photos.py: 12 MP JPEGs of a few MB, sideways with
EXIF orientation, GPS and camera data; nothing big is committed), puts them on
one page of a site folder and runs the build's picture step on it
(edelica_site.build.responsive_images.make_responsive, the real settings'
defaults) twice: cold, with an empty cache, then warm, on a fresh copy of the
same site with the cache the cold run filled (what every rebuild with unchanged
pictures costs). Reports wall and CPU seconds of each run and, per photo, the
bytes of the source against the largest copy (1600 px) and the 800 px copy a
phone gets, in AVIF, WebP and JPEG. Writes the JSON to DIR/images-<timestamp>.json.
Timings are reported, never asserted.
"""

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import PIL

from bench.photos import PHONE_SIZE, phone_photo
from edelica_site.build.responsive_images import make_responsive
from edelica_site.paths import ROOT

RESULTS = ROOT / "bench" / "results"
FORMATS = {"avif": "AVIF", "webp": "WebP", "jpg": "JPEG"}


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)  # every thread of this process
    return usage.ru_utime + usage.ru_stime


def site_with(photos, folder):
    (folder / "images").mkdir(parents=True)
    tags = []
    for photo in photos:
        shutil.copyfile(photo, folder / "images" / photo.name)
        tags.append(f'<img src="images/{photo.name}" alt="A photo">')
    (folder / "index.html").write_text("<main>" + "".join(tags) + "</main>", encoding="utf-8")
    return folder


def timed_step(site, cache):
    settings = {"RESPONSIVE_IMAGES": {"CACHE_DIR": str(cache)}, "PATH": str(site.parent / "no-content")}
    wall, cpu = time.perf_counter(), cpu_seconds()
    make_responsive(site, settings)
    return {"wall_s": round(time.perf_counter() - wall, 2), "cpu_s": round(cpu_seconds() - cpu, 2)}


def published_bytes(site, photo):
    images = site / "images"
    row = {"photo": photo.name, "source_bytes": photo.stat().st_size}
    for suffix in FORMATS:
        for width in (800, 1600):
            name = photo.name if (suffix == "jpg" and width == 1600) else f"{photo.stem}-{width}w.{suffix}"
            row[f"{suffix}_{width}"] = (images / name).stat().st_size
    row["files"] = len([p for p in images.iterdir() if p.name.startswith(photo.stem)])
    return row


def run(count, size, work):
    sources = work / "sources"
    sources.mkdir()
    photos = [phone_photo(sources / f"phone-{n:02d}.jpg", seed=n, size=size) for n in range(1, count + 1)]
    cache = work / "cache"
    cold_site, warm_site = site_with(photos, work / "cold"), site_with(photos, work / "warm")
    cold = timed_step(cold_site, cache)
    warm = timed_step(warm_site, cache)
    rows = [published_bytes(cold_site, photo) for photo in photos]
    return {"cold": cold, "warm": warm, "photos": rows}


def kb(n):
    return f"{n / 1024:,.0f}"


def table(result):
    lines = ["| photo | source KB | AVIF 800 / 1600 | WebP 800 / 1600 | JPEG 800 / 1600 (KB) |",
             "|---|---|---|---|---|"]
    for row in result["photos"]:
        lines.append(f"| {row['photo']} | {kb(row['source_bytes'])} | "
                     + " | ".join(f"{kb(row[f'{s}_800'])} / {kb(row[f'{s}_1600'])}" for s in FORMATS) + " |")
    med = {key: statistics.median(r[key] for r in result["photos"])
           for key in result["photos"][0] if key not in ("photo", "files")}
    lines.append(f"| median | {kb(med['source_bytes'])} | "
                 + " | ".join(f"{kb(med[f'{s}_800'])} / {kb(med[f'{s}_1600'])}" for s in FORMATS) + " |")
    share = {s: 100 * med[f"{s}_1600"] / med["source_bytes"] for s in FORMATS}
    lines.append("")
    lines.append("largest copy as a share of the source (median): "
                 + ", ".join(f"{FORMATS[s]} {share[s]:.1f} %" for s in FORMATS))
    lines.append(f"encoding {len(result['photos'])} photos: cold {result['cold']['wall_s']} s wall "
                 f"({result['cold']['cpu_s']} s CPU), warm {result['warm']['wall_s']} s wall "
                 f"({result['warm']['cpu_s']} s CPU)")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=10)
    parser.add_argument("--size", default="x".join(map(str, PHONE_SIZE)), help="WIDTHxHEIGHT, upright")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    size = tuple(int(n) for n in args.size.lower().split("x"))
    started = datetime.datetime.now(datetime.timezone.utc)
    with tempfile.TemporaryDirectory(prefix="bench-images-") as work:
        result = run(args.photos, size, Path(work))
    report = {"started_utc": started.isoformat(timespec="seconds"),
              "machine": {"nproc": os.cpu_count(), "python": platform.python_version(),
                          "pillow": PIL.__version__, "load_at_start": os.getloadavg()[0]},
              "command": "python -m bench.images " + " ".join(argv if argv is not None else sys.argv[1:]),
              "photo_size": list(size), **result}
    args.results.mkdir(parents=True, exist_ok=True)
    out = args.results / f"images-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if not args.quiet:
        print(f"\nPictures: {args.photos} phone photos {size[0]} x {size[1]}\n")
        print(table(result))
        print(f"\nJSON: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

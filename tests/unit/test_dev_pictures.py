"""The devserver's pictures (edelica_site/dev/pictures.py): a build leaves
placeholders for copies not encoded yet, the copies are written after the
build is served, and a copy the browser asks for first is encoded at once."""

import shutil
import urllib.request

from PIL import Image

from bench.photos import phone_photo
from edelica_site.dev.pictures import DeferredPictures
from edelica_site.dev.server import serve


def _staging(tmp_path, name="staging"):
    site = tmp_path / name
    (site / "images").mkdir(parents=True)
    phone_photo(site / "images" / "photo.jpg", size=(1000, 750))
    (site / "index.html").write_text('<main><img src="images/photo.jpg" alt="A photo"></main>')
    return site


def _settings(tmp_path):
    return {"RESPONSIVE_IMAGES": {"CACHE_DIR": str(tmp_path / "cache")}, "PATH": str(tmp_path / "c")}


def test_the_build_leaves_placeholders_and_the_thread_fills_them(tmp_path):
    output = tmp_path / "output"
    pictures = DeferredPictures(output)
    staging = _staging(tmp_path)
    pictures.step(staging, _settings(tmp_path))
    copies = [p for p in (staging / "images").iterdir() if p.name != "photo.jpg"]
    assert len(copies) == 8 and all(p.stat().st_size == 0 for p in copies)
    assert "<picture>" in (staging / "index.html").read_text(), "the markup is the build's own"
    staging.rename(output)  # the build's swap
    pictures.start()
    pictures.wait()
    for path in (output / "images").iterdir():
        with Image.open(path) as image:
            assert image.width in (480, 800, 1000) and not image.getexif(), path.name


def test_a_requested_copy_is_encoded_before_it_is_sent(tmp_path):
    output = tmp_path / "output"
    pictures = DeferredPictures(output)
    staging = _staging(tmp_path)
    pictures.step(staging, _settings(tmp_path))
    staging.rename(output)
    pictures.start = lambda: None  # no thread: only the request encodes
    with pictures._lock:
        pictures._pending = dict(pictures._staged)
    httpd = serve("127.0.0.1", 0, output, pictures=pictures)
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/images/photo-480w.avif"
        with urllib.request.urlopen(url) as response:
            data = response.read()
    finally:
        httpd.shutdown()
    assert data[4:12] == b"ftypavif" and (output / "images/photo-480w.avif").read_bytes() == data
    assert (output / "images/photo-800w.avif").stat().st_size == 0, "only what was asked for"


def test_the_next_build_copies_from_the_cache_at_once(tmp_path):
    output = tmp_path / "output"
    pictures = DeferredPictures(output)
    staging = _staging(tmp_path)
    pictures.step(staging, _settings(tmp_path))
    staging.rename(output)
    pictures.start()
    pictures.wait()
    again = _staging(tmp_path, "again")
    pictures.cancel()
    pictures.step(again, _settings(tmp_path))
    assert pictures._staged == {}
    assert all(p.stat().st_size > 0 for p in (again / "images").iterdir())
    shutil.rmtree(again)

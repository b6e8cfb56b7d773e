"""deploy/nginx.conf with real nginx (Debian's package) serving the build for
nginx (nginxconf.py, what `make rsync_upload` uploads): pages, the 404 page,
the security headers from `_headers`, caching, and the precompressed .gz files.
nginx runs on a free loopback port with its pid file, logs and temp folders in
a temporary folder."""

import http.client
import os
import re
import shutil
import subprocess
import time

import pytest

from edelica_site.paths import ROOT
from tests.support.headers_file import parse_headers_file
from tests.support.serving import free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE_CONF = ROOT / "deploy" / "nginx.conf"
MAIN_CONF = """daemon off;
user root;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/site.conf;
}}
"""


def site_conf(port, root):
    """deploy/nginx.conf pointed at `root` on 127.0.0.1:`port`, nothing else changed."""
    text = SITE_CONF.read_text()
    for pattern, replacement in [(r"^\s*listen 80;$", f"    listen 127.0.0.1:{port};"),
                                 (r"^\s*listen \[::\]:80;$", ""),
                                 (r"^(\s*root )\S+;", rf"\g<1>{root};")]:
        text, count = re.subn(pattern, replacement, text, flags=re.M)
        assert count == 1, f"deploy/nginx.conf no longer has exactly one line matching {pattern}"
    return text


@pytest.fixture(scope="module")
def nginx(nginx_site, tmp_path_factory):
    if not os.path.exists(NGINX):
        if os.environ.get("CI"):
            pytest.fail("nginx not found: .ci/run must install Debian's nginx-light")
        pytest.skip("nginx is not installed (these tests run in CI)")
    tmp = tmp_path_factory.mktemp("nginx")
    port = free_port()
    (tmp / "site.conf").write_text(site_conf(port, nginx_site.root))
    (tmp / "nginx.conf").write_text(MAIN_CONF.format(tmp=tmp))
    check = subprocess.run([NGINX, "-t", "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
                           capture_output=True, text=True)
    assert check.returncode == 0, f"nginx rejects deploy/nginx.conf:\n{check.stderr}"
    proc = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("HEAD", "/")
            conn.getresponse()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"nginx stopped:\n{proc.stderr.read()}")
            time.sleep(0.05)
    yield port
    proc.terminate()
    proc.wait(timeout=10)


def fetch(port, path, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def headers_for_all(output):
    """The (name, value) pairs of the `/*` rule in the build's `_headers`."""
    return dict(parse_headers_file((output / "_headers").read_text()))["/*"]


def test_every_page_is_served(nginx, nginx_site):
    failures = []
    for url in nginx_site.urls():
        response, body = fetch(nginx, url)
        if response.status != 200 or not response.getheader("Content-Type", "").startswith("text/html") \
                or body != nginx_site.path(url).read_bytes():
            failures.append(f"{url}: {response.status} {response.getheader('Content-Type')}")
    assert not failures, failures
    assert len(nginx_site.urls()) > 10


def test_missing_page_gets_the_404_page(nginx, nginx_site):
    response, body = fetch(nginx, "/no-such-page/")
    assert response.status == 404
    assert body == (nginx_site.root / "404.html").read_bytes()


@pytest.mark.parametrize("path", ["/", "/contact/", "/no-such-page/", "/contact", "STYLESHEET"])
def test_security_headers_match_headers_file(nginx, nginx_site, path):
    if path == "STYLESHEET":
        path = "/" + next(nginx_site.root.glob("theme/css/main.*.css")).relative_to(
            nginx_site.root).as_posix()
    response, _ = fetch(nginx, path)
    expected = headers_for_all(nginx_site.root)
    assert {name for name, _ in expected} >= {
        "Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options",
        "Referrer-Policy", "Permissions-Policy"}
    for name, value in expected:
        assert response.getheader(name) == value, f"{path}: {name}"


def test_cache_control(nginx, nginx_site):
    css = "/" + next(nginx_site.root.glob("theme/css/main.*.css")).relative_to(
        nginx_site.root).as_posix()
    assert fetch(nginx, css)[0].getheader("Cache-Control") == "public, max-age=31536000, immutable"
    for path in ["/", "/contact/", "/favicon.svg"]:
        assert fetch(nginx, path)[0].getheader("Cache-Control") == "public, max-age=0, must-revalidate"


@pytest.mark.parametrize("path, file", [("/", "index.html"), ("/contact/", "contact/index.html"),
                                        ("STYLESHEET", None)])
def test_gzip_clients_get_the_precompressed_file(nginx, nginx_site, path, file):
    if path == "STYLESHEET":
        css = next(nginx_site.root.glob("theme/css/main.*.css"))
        file = css.relative_to(nginx_site.root).as_posix()
        path = "/" + file
    response, body = fetch(nginx, path, {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in response.getheader("Vary", "")
    assert body == (nginx_site.root / (file + ".gz")).read_bytes()
    plain_response, plain = fetch(nginx, path)
    assert plain_response.getheader("Content-Encoding") is None
    assert plain == (nginx_site.root / file).read_bytes()


def test_directory_without_slash_redirects_relative(nginx):
    response, _ = fetch(nginx, "/contact")
    assert response.status == 301
    assert response.getheader("Location") == "/contact/"


def test_host_files_are_not_served(nginx):
    for path in ["/_headers", "/_redirects"]:
        assert fetch(nginx, path)[0].status == 404

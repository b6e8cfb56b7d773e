"""The consultation form in Chromium: it really posts the visitor's contact
details to the clinic's https endpoint (a local stand-in server)."""

import http.server
import ssl
import subprocess
import threading
import urllib.parse

import pytest

from tests.support.helpers import ROOT, Site, run_build
from tests.support.serving import served


class _Receiver(http.server.BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.received.append(urllib.parse.parse_qs(body))
        reply = b"<!DOCTYPE html><html lang='en'><title>Thanks</title><p>Thank you, we will call you.</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """A local https server standing in for the clinic's form service."""
    tmp = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")],
                   check=True, capture_output=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp / "cert.pem", tmp / "key.pem")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{server.server_address[1]}/submit"
    server.shutdown()


@pytest.fixture(scope="module")
def form_site(tmp_path_factory, endpoint):
    tmp = tmp_path_factory.mktemp("form")
    settings = tmp / "formconf.py"
    settings.write_text("from pelicanconf import *  # noqa\n"
                        f"CLINIC = {{**CLINIC, 'form_endpoint': {endpoint!r}}}\n")
    result = run_build(ROOT / "content", tmp / "output", settings=str(settings))
    assert result.returncode == 0, result.output
    return Site(tmp / "output")


def test_form_posts_the_fields_to_the_endpoint(browser, form_site):
    with served(form_site.root) as url:
        context = browser.new_context(ignore_https_errors=True)
        page = context.new_page()
        page.goto(url + "/request-a-consultation/")
        page.get_by_label("Your name").fill("Alex Example")
        page.get_by_label("Phone number").fill("(414) 555-0199")
        page.get_by_label("Email address").fill("alex@example.com")
        page.get_by_label("Morning").check()
        page.get_by_label("I agree").check()
        _Receiver.received.clear()
        with page.expect_navigation():
            page.get_by_role("button", name="Send request").click()
        assert "Thank you" in page.content()
        context.close()
    assert _Receiver.received == [{
        "name": ["Alex Example"], "phone": ["(414) 555-0199"], "email": ["alex@example.com"],
        "preferred_time": ["morning"], "consent": ["yes"]}]

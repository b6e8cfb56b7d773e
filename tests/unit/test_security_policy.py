"""The security policy as functions of the settings (edelica_site/security/policy.py)
and its nginx rendering: strict, the same headers everywhere, the <meta> policy
the header policy minus what a <meta> cannot carry, deploy/nginx.conf in sync."""

import shutil

import pytest
from pelican.settings import read_settings

from edelica_site.errors import BuildError
from edelica_site.paths import ROOT
from edelica_site.security.host_files import (
    NGINX_BEGIN,
    NGINX_END,
    main,
    nginx_block,
    nginx_conf_block,
    write_nginx,
)
from edelica_site.security.policy import (
    META_UNSUPPORTED,
    directives,
    header_policy,
    meta_policy,
    parse,
    security_headers,
)

FORBIDDEN_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "blob:",
                     "http:", "https:"}
FORM = {"form_endpoint": "https://forms.example.org/clinic/123?x=1"}
HEADER_NAMES = ["Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options",
                "X-Frame-Options", "Referrer-Policy", "Permissions-Policy"]


@pytest.fixture(scope="module")
def published():
    return read_settings(str(ROOT / "publishconf.py"))


@pytest.mark.parametrize("settings", [{}, {"CLINIC": FORM}], ids=["no form", "form"])
def test_header_policy_is_strict(settings):
    policy = parse(header_policy(settings))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"][0] == "'self'"
    for directive, sources in policy.items():
        assert not FORBIDDEN_SOURCES & set(sources), f"{directive} allows {sources}"


def test_the_real_settings_give_a_strict_policy(published):
    policy = parse(header_policy(published))
    assert policy["default-src"] == ["'self'"]
    assert not any(FORBIDDEN_SOURCES & set(sources) for sources in policy.values()), policy


def test_meta_policy_is_the_header_policy_minus_what_a_meta_cannot_carry(published):
    header, meta = parse(header_policy(published)), parse(meta_policy(published))
    assert "frame-ancestors" in header and "frame-ancestors" not in meta
    assert not set(meta) & set(META_UNSUPPORTED)
    assert meta == {name: sources for name, sources in header.items() if name not in META_UNSUPPORTED}


def test_form_endpoint_origin_joins_form_action():
    settings = {"CLINIC": FORM}
    assert directives(settings)["form-action"] == ["'self'", "https://forms.example.org"]
    expected = ["'self'", "https://forms.example.org"]
    assert parse(meta_policy(settings))["form-action"] == expected
    assert parse(header_policy(settings))["form-action"] == expected


@pytest.mark.parametrize("endpoint", ["http://forms.example.org/x", "forms.example.org/x", "https:///x"])
def test_form_endpoint_must_be_a_full_https_address(endpoint):
    with pytest.raises(BuildError, match=r"CLINIC\['form_endpoint'\].*https://"):
        header_policy({"CLINIC": {"form_endpoint": endpoint}})


def test_security_headers_name_each_header_once_in_order(published):
    headers = security_headers(published)
    assert [name for name, _ in headers] == HEADER_NAMES
    values = dict(headers)
    assert values["Content-Security-Policy"] == header_policy(published)
    assert values["Strict-Transport-Security"] == "max-age=31536000"
    assert values["X-Content-Type-Options"] == "nosniff"
    assert values["X-Frame-Options"] == "DENY"


def test_hsts_header_comes_from_deploy():
    value = "max-age=63072000; includeSubDomains; preload"
    assert dict(security_headers({"DEPLOY": {"HSTS": value}}))["Strict-Transport-Security"] == value


def test_bad_deploy_stops_the_policy():
    with pytest.raises(BuildError, match=r"DEPLOY\['HSTS'\]"):
        security_headers({"DEPLOY": {"HSTS": "1 year"}})


def test_parse_refuses_a_repeated_or_empty_policy():
    with pytest.raises(ValueError, match="twice"):
        parse("default-src 'self'; DEFAULT-SRC 'none'")
    with pytest.raises(ValueError, match="empty"):
        parse(" ; ")


# --- deploy/nginx.conf ------------------------------------------------------------

def test_nginx_conf_is_what_the_command_writes(tmp_path):
    """deploy/nginx.conf in sync with the policy and publishconf.py: the command
    run on a copy changes nothing."""
    copy = tmp_path / "nginx.conf"
    shutil.copyfile(ROOT / "deploy/nginx.conf", copy)
    assert main(["--write-nginx", str(copy)]) == 0
    assert copy.read_text() == (ROOT / "deploy/nginx.conf").read_text(), (
        "deploy/nginx.conf is out of date with the settings: run "
        "`.venv/bin/python -m edelica_site.security.host_files --write-nginx deploy/nginx.conf`")


def test_nginx_block_sends_every_security_header(published):
    block = nginx_conf_block((ROOT / "deploy/nginx.conf").read_text())
    assert block == nginx_block(published)
    for name, value in security_headers(published):
        assert f'    add_header {name} "{value}" always;\n' in block
    assert "edelica_site.security.host_files" in block.splitlines()[0]
    assert block.splitlines()[-1].strip() == NGINX_END


def test_nginx_block_redirects_moved_pages():
    block = nginx_block({"DEPLOY": {"REDIRECTS": {"/old/": "/new/", "/leaflet/": "https://example.org/l"}}})
    assert "    location = /old/ { return 301 /new/; }\n" in block
    assert "    location = /leaflet/ { return 301 https://example.org/l; }\n" in block


def test_write_nginx_replaces_only_the_generated_block(tmp_path, published):
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"server {{\n    listen 80;\n    {NGINX_BEGIN}\n    add_header X-Old \"1\";\n"
                    f"    {NGINX_END}\n    root /srv;\n}}\n")
    write_nginx(conf, published)
    text = conf.read_text()
    assert text.startswith("server {\n    listen 80;\n") and text.endswith("    root /srv;\n}\n")
    assert "X-Old" not in text and nginx_block(published) in text


def test_write_nginx_without_a_block_says_what_to_add(tmp_path, capsys):
    conf = tmp_path / "nginx.conf"
    conf.write_text("server { listen 80; }\n")
    assert main(["--write-nginx", str(conf)]) == 1
    assert NGINX_BEGIN in capsys.readouterr().err
    assert conf.read_text() == "server { listen 80; }\n"
    with pytest.raises(BuildError, match="no such file"):
        write_nginx(tmp_path / "missing.conf", {})

"""The site's security policy: the Content-Security-Policy and every other
security header, computed from the settings in this one place.

    security_headers(settings)  -> [(name, value)] sent with every response
    header_policy(settings)     -> the Content-Security-Policy header value
    meta_policy(settings)       -> the same policy for <meta http-equiv>, minus
                                   the directives a <meta> cannot carry

edelica_site/security/host_files.py renders the headers as `_headers` and as the
generated block of deploy/nginx.conf; edelica_site/plugins/security_policy.py gives the meta
policy to the templates. The site loads everything from itself: no
'unsafe-inline', no 'unsafe-eval'. The only extra is 'wasm-unsafe-eval', which
lets Pagefind compile its WebAssembly search index and allows no JavaScript
eval. The consultation form may post only to the origin of
CLINIC["form_endpoint"]. Strict-Transport-Security comes from DEPLOY["HSTS"].
"""

from urllib.parse import urlsplit

from edelica_site.deploy.config import deploy_settings
from edelica_site.errors import BuildError

# Directives that browsers ignore in a <meta> policy (CSP3 §3.3).
META_UNSUPPORTED = ("frame-ancestors", "report-uri", "report-to", "sandbox")

# Headers whose values do not depend on the settings.
FIXED_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    # For browsers without CSP frame-ancestors, which a <meta> cannot carry either.
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)


def form_origin(clinic):
    """The origin of the consultation form endpoint, or None when there is no form."""
    endpoint = (clinic or {}).get("form_endpoint")
    if not endpoint:
        return None
    parts = urlsplit(endpoint)
    if parts.scheme != "https" or not parts.netloc:
        raise BuildError(f"pelicanconf.py: CLINIC['form_endpoint'] = {endpoint!r} is not a full "
                         "https:// address — give the address of the clinic's form service, "
                         "such as 'https://forms.example.org/clinic', or None for no web form.")
    return f"https://{parts.netloc}"


def directives(settings):
    """Directive name -> list of sources, in the order they are written."""
    form_action = ["'self'"]
    origin = form_origin(settings.get("CLINIC"))
    if origin:
        form_action.append(origin)
    return {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": form_action,
        "frame-ancestors": ["'none'"],
    }


def serialize(policy):
    return "; ".join(" ".join([name, *sources]) for name, sources in policy.items())


def header_policy(settings):
    """The Content-Security-Policy header value."""
    return serialize(directives(settings))


def meta_policy(settings):
    """The policy for <meta http-equiv="Content-Security-Policy">."""
    policy = directives(settings)
    return serialize({k: v for k, v in policy.items() if k not in META_UNSUPPORTED})


def security_headers(settings):
    """(name, value) pairs sent with every response, in the order they are written."""
    return [
        ("Content-Security-Policy", header_policy(settings)),
        ("Strict-Transport-Security", deploy_settings(settings)["HSTS"]),
        *FIXED_HEADERS,
    ]


def parse(value):
    """Parse a serialized policy (CSP3 §2.2.1) into {directive: [sources]};
    raise ValueError on an empty or repeated directive."""
    policy = {}
    for token in value.split(";"):
        words = token.split()
        if not words:
            continue
        name = words[0].lower()
        if name in policy:
            raise ValueError(f"directive {name} appears twice")
        policy[name] = words[1:]
    if not policy:
        raise ValueError("empty policy")
    return policy

"""The site's Content-Security-Policy, built from the settings in one place.

The same policy goes into `_headers`, deploy/nginx.conf and (minus the
directives a <meta> cannot carry) a <meta http-equiv> in every page. The site
loads everything from itself: no 'unsafe-inline', no 'unsafe-eval'. The only
extra is 'wasm-unsafe-eval', which lets Pagefind compile its WebAssembly
search index and allows no JavaScript eval. The consultation form may post
only to the origin of CLINIC["form_endpoint"].
"""

from urllib.parse import urlsplit

# Directives that browsers ignore in a <meta> policy (CSP3 §3.3).
META_UNSUPPORTED = ("frame-ancestors", "report-uri", "report-to", "sandbox")


def form_origin(clinic):
    """The origin of the consultation form endpoint, or None when there is no form."""
    endpoint = (clinic or {}).get("form_endpoint")
    if not endpoint:
        return None
    parts = urlsplit(endpoint)
    if parts.scheme != "https" or not parts.netloc:
        raise ValueError(f"CLINIC['form_endpoint'] = {endpoint!r} in pelicanconf.py must be a full "
                         "https:// address of the clinic's form service (or None for no web form).")
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
    return serialize(directives(settings))


def meta_policy(settings):
    policy = directives(settings)
    return serialize({k: v for k, v in policy.items() if k not in META_UNSUPPORTED})


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

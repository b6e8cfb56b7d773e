"""Read a `_headers` file the way Netlify and Cloudflare Pages do, for tests.

A rule is a path pattern line followed by indented `Name: value` lines; `*`
matches any rest of the path. Every matching rule applies; a header set by two
rules would be joined with ", " (Cloudflare Pages), which our file must avoid.
"""

import re


def parse_headers_file(text):
    """[(pattern, [(name, value)])]; raise ValueError on a malformed line."""
    rules = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            if not line.startswith("/") or " " in line:
                raise ValueError(f"line {number}: a rule must start with a path: {line!r}")
            rules.append((line, []))
        else:
            name, sep, value = line.strip().partition(":")
            if not rules or not sep or not re.fullmatch(r"[A-Za-z0-9-]+", name) or not value.strip():
                raise ValueError(f"line {number}: not a 'Name: value' header line: {line!r}")
            rules[-1][1].append((name, value.strip()))
    return rules


def matches(pattern, path):
    regex = "^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$"
    return re.match(regex, path) is not None


def headers_for(rules, path):
    """{name: [values from each matching rule]} for a request path."""
    found = {}
    for pattern, headers in rules:
        if matches(pattern, path):
            for name, value in headers:
                found.setdefault(name, []).append(value)
    return found

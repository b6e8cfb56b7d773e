"""The Content-Security-Policy and host headers: one policy, rendered as the
<meta> tag, `_headers` and deploy/nginx.conf."""

"""The Edelica Health website's own code: one package, a folder per concern.

plugins/   Pelican plugins, named in PLUGINS (pelicanconf.py) by dotted path
build/     the staged build (`python -m edelica_site.build`) and its post-build steps
dev/       the devserver (`make devserver`)
security/  the Content-Security-Policy and host headers, one source for all three renderings
deploy/    the DEPLOY setting and `make github`
commands/  staff commands: newpost, check, screenshots, favicons
measure/   what the budgets and the benchmark measure (critical bytes, search bytes)
"""

# Edelica Health website. `make` (or `make help`) lists the targets.
# Every target that needs Python creates .venv on first use and reinstalls
# when a requirements file changes, so no manual `pip install` is needed.

PYTHON_BOOT ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed
NODE_STAMP := node_modules/.installed

INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
PREVIEWCONF := previewconf.py
NGINXCONF := nginxconf.py
PELICANOPTS ?=
PORT ?= 8000
SERVER ?= 127.0.0.1

GITHUB_PAGES_REMOTE ?= origin
GITHUB_PAGES_BRANCH ?= gh-pages
SSH_TARGET ?= deploy@example.invalid
SSH_TARGET_DIR ?= /var/www/edelica
TITLE ?=
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help html clean regenerate serve serve-global devserver devserver-global \
        publish preview github github-preview launch-checklist rsync_upload test test-fast check \
        newpost bench screenshots venv

help: ## List the targets
	@echo "Edelica Health website: make <target>"
	@echo
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | \
	  awk -F '\t' '{ printf "  %-18s %s\n", $$1, $$2 }'
	@echo
	@echo "Variables: PORT=$(PORT) SERVER=$(SERVER) GITHUB_PAGES_REMOTE=$(GITHUB_PAGES_REMOTE)"
	@echo "           GITHUB_PAGES_BRANCH=$(GITHUB_PAGES_BRANCH) TITLE=\"...\" (newpost)"

$(RUNTIME_STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(DEV_STAMP): $(RUNTIME_STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

venv: $(DEV_STAMP) ## Create .venv with all pinned requirements

html: $(RUNTIME_STAMP) ## Build the site into output/ (local settings)
	$(PY) -m edelica_site.build --settings $(CONFFILE) --output $(OUTPUTDIR)

clean: ## Remove output/ and caches
	rm -rf $(OUTPUTDIR) .$(OUTPUTDIR).building .$(OUTPUTDIR).old .$(OUTPUTDIR).pagefind* cache __pycache__

regenerate: $(RUNTIME_STAMP) ## Rebuild on every change (no server)
	$(PY) -m edelica_site.dev.server --no-serve --settings $(CONFFILE) --output $(OUTPUTDIR)

serve: $(RUNTIME_STAMP) ## Serve output/ on http://$(SERVER):$(PORT)
	$(PY) -m edelica_site.dev.server --no-watch --bind $(SERVER) --port $(PORT) --output $(OUTPUTDIR)

serve-global: ## Serve output/ on all interfaces
	$(MAKE) serve SERVER=0.0.0.0

devserver: $(RUNTIME_STAMP) ## Build, serve on http://127.0.0.1:$(PORT) and rebuild on every change
	$(PY) -m edelica_site.dev.server --bind $(SERVER) --port $(PORT) --settings $(CONFFILE) --output $(OUTPUTDIR)

devserver-global: ## devserver on all interfaces
	$(MAKE) devserver SERVER=0.0.0.0

publish: $(RUNTIME_STAMP) ## Build the production site into output/ (only if every check passes and no placeholder is left)
	$(PY) -m edelica_site.build --settings $(PUBLISHCONF) --output $(OUTPUTDIR)

preview: $(RUNTIME_STAMP) ## The production build with placeholders allowed, marked as a preview (noindex)
	$(PY) -m edelica_site.build --settings $(PREVIEWCONF) --output $(OUTPUTDIR)

launch-checklist: $(RUNTIME_STAMP) ## List what the clinic must still fill in before `make publish` may go ahead
	$(PY) -m edelica_site.launch --settings $(PUBLISHCONF)

github: publish ## Publish, then push output/ to $(GITHUB_PAGES_BRANCH) on $(GITHUB_PAGES_REMOTE)
	$(PY) -m edelica_site.deploy.github --output $(OUTPUTDIR) --remote $(GITHUB_PAGES_REMOTE) --branch $(GITHUB_PAGES_BRANCH)

github-preview: preview ## Preview, then push it to $(GITHUB_PAGES_BRANCH) for the clinic to review before launch
	$(PY) -m edelica_site.deploy.github --preview --output $(OUTPUTDIR) --remote $(GITHUB_PAGES_REMOTE) --branch $(GITHUB_PAGES_BRANCH)

rsync_upload: $(RUNTIME_STAMP) ## Publish for nginx (with .gz/.br copies), then rsync output/ to SSH_TARGET:SSH_TARGET_DIR
	$(PY) -m edelica_site.build --settings $(NGINXCONF) --output $(OUTPUTDIR)
	rsync -e "ssh" -P -rvzc --delete $(OUTPUTDIR)/ $(SSH_TARGET):$(SSH_TARGET_DIR)

test: $(DEV_STAMP) $(NODE_STAMP) ## Run the whole test suite: unit, site, browser and external tiers
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: $(DEV_STAMP) ## Run the unit tier only (seconds: no site build, no browser)
	$(PY) -m pytest -m unit $(PYTEST_ARGS)

screenshots: $(DEV_STAMP) html ## PNGs of key pages at 375/1280 px, light and dark, into screenshots/
	$(PY) -m edelica_site.commands.screenshots --site $(OUTPUTDIR) --out screenshots

check: $(RUNTIME_STAMP) ## Build, then report reading grade, reviews due and sources per article
	$(PY) -m edelica_site.commands.check --settings $(CONFFILE) --output $(OUTPUTDIR)

newpost: $(RUNTIME_STAMP) ## Start a draft article: make newpost TITLE="What to expect"
	$(PY) -m edelica_site.commands.newpost

.PHONY: reviews-due
reviews-due: $(RUNTIME_STAMP) ## List medical pages whose review is due within 30 days (exits 1 if any)
	$(PY) -m edelica_site.commands.reviews_due --within 30

SIZES ?= 200,1000
PAIRS ?= 3
bench: $(DEV_STAMP) ## Time our build against stock Pelican (SIZES=200,1000 PAIRS=3), then the pictures; see bench/README.md
	$(PY) -m bench.run --sizes $(SIZES) --pairs $(PAIRS) && $(PY) -m bench.images

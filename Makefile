# Two commands are enough: `make serve` and `make test` (each installs what it needs first).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# What `install` takes: everything (requirements.txt), or only the build (REQUIREMENTS=requirements-site.txt).
REQUIREMENTS ?= requirements.txt
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(REQUIREMENTS) | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: refuse-tracked-venv install serve build check nouveau test tools validate messages schemas formulaires lock captures clean

install: refuse-tracked-venv $(STAMP)

# A .venv/ committed to the repository (with a fake stamp and stub programs) would make every
# command below run code from a pull request: refuse it before trusting the stamp.
refuse-tracked-venv:
	@if command -v git >/dev/null 2>&1 && git rev-parse --is-inside-work-tree >/dev/null 2>&1 \
	    && [ -n "$$(git ls-files -- $(VENV) | head -n 1)" ]; then \
	  echo "$(VENV)/ est suivi par git : retirez-le du dépôt (git rm -r --cached $(VENV)) ; il ne doit jamais être commis." >&2; \
	  exit 1; \
	fi

$(STAMP):  # named after the content of pyproject.toml and $(REQUIREMENTS), not their dates
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(REQUIREMENTS)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

serve: install  ## Installe puis sert le site sur http://127.0.0.1:8000 (rechargé à chaque modification)
	$(BIN)/mkdocs serve

build: install  ## Installe puis construit le site dans site/ (et vérifie que les crochets ont tourné)
	$(BIN)/mkdocs build
	$(BIN)/python -m pdh.cli.engines complete site

check: install  ## Vérifie les données (data/, content/) sans construire le site
	$(BIN)/pdh-check --tracked

nouveau: install  ## Modèle à remplir : make nouveau TYPE=membre|publication|evenement ID=mon-identifiant
	@$(BIN)/pdh-nouveau "$(TYPE)" "$(ID)"

test: install tools  ## Installe puis lance tous les tests
	$(BIN)/python -m pytest

tools:  ## Chromium de Debian (tests dans le navigateur), Node.js et actionlint (jamais de navigateur téléchargé par Playwright)
	@sh tests/install-tools.sh

VALIDATORS ?= ../shared/tools/validators
validate: build  ## Valide le site construit (Nu HTML Checker, axe-core, liens, flux, calendriers, JSON-LD)
	bash $(VALIDATORS)/install.sh
	AXE_MAX_PAGES=$${AXE_MAX_PAGES:-400} bash $(VALIDATORS)/check_site.sh site

captures: install tools  ## Photographie l'accueil (ordinateur et téléphone) pour le README : .github/captures/
	rm -rf .captures-site
	$(BIN)/mkdocs build -q -d .captures-site
	$(BIN)/python tests/screenshots.py .captures-site
	rm -rf .captures-site

messages: install  ## Met à jour les catalogues de traduction (hooks/pdh/locale/) à partir des gabarits, du code et du menu
	PYTHONPATH=hooks $(BIN)/pybabel extract -F hooks/pdh/locale/babel.cfg -k N_ -k n_:1,2 --no-location \
	  --sort-output --omit-header -o hooks/pdh/locale/messages.pot .
	$(BIN)/pybabel update -i hooks/pdh/locale/messages.pot -d hooks/pdh/locale --no-fuzzy-matching --omit-header

schemas: install  ## Régénère les schémas JSON de data/schemas/ à partir du modèle
	$(BIN)/python -m pdh.cli.schema data/schemas

formulaires: install  ## Régénère les formulaires de tickets (.github/ISSUE_TEMPLATE/) à partir des thèmes, des groupes et du modèle
	$(BIN)/python -m pdh.cli.issueforms

# Computed against PyPI itself (whatever index or local wheels this machine's pip is set up with), with every
# file's hash: `pip install --require-hashes` then refuses any other file. Dependabot updates the same files.
LOCK := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile \
	--quiet --upgrade --generate-hashes --allow-unsafe --strip-extras --index-url=https://pypi.org/simple
lock: install  ## Recalcule requirements.txt et requirements-site.txt (dernières versions permises par les .in, avec empreintes)
	$(LOCK) --output-file=requirements.txt requirements.in
	$(LOCK) --constraint=requirements.txt --output-file=requirements-site.txt requirements-site.in

clean:
	rm -rf site $(VENV) .pytest_cache

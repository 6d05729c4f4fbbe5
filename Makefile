# The two commands of the README: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
DB     ?= storyline.db

.PHONY: demo test setup lint bench clean chromium

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/.installed

## Ingest the bundled demo corpus into the default database and print the stories found.
demo: setup
	$(BIN)/storyline --db $(DB) ingest demo/corpus
	$(BIN)/storyline --db $(DB) stories

## Lint, type-check and run the whole test suite.
test: setup lint chromium
	$(BIN)/python -m pytest

## Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser).
## Installed with apt when missing and running as root; otherwise the browser tests are skipped.
chromium:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
		|| { apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core; }; \
	fi

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache

.PHONY: run test lint format migrations-check ci

run:  ## Set up and serve the demo portal on http://127.0.0.1:8000
	bash scripts/run

test:  ## Run the whole test suite (SQLite; set DATABASE_URL for PostgreSQL)
	bash scripts/test

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/lint-imports

format:
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .

migrations-check:
	DEBUG=1 .venv/bin/python manage.py makemigrations --check --dry-run

ci:
	bash .ci/run

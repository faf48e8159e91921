#!/usr/bin/env bash
# Install Thrive with its test dependencies and run the whole suite:
# lint and import contracts, then every test (browser tests included) on SQLite and on PostgreSQL.
# Usage: bash scripts/test.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'

if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  echo "== Installing Debian's chromium and poppler-utils (pdftoppm) for the browser and PDF tests"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium poppler-utils >/dev/null
fi

echo "== ruff"
.venv/bin/python -m ruff check .
.venv/bin/python -m ruff format --check .

echo "== import contracts (lint-imports)"
.venv/bin/lint-imports --no-cache

export THRIVE_DATA_DIR=${THRIVE_TEST_DATA_DIR:-$(mktemp -d)}

run_suite() {
  local label=$1; shift
  echo "== tests on $label"
  set +e
  .venv/bin/python -m pytest -m "browser or not browser" -p no:cacheprovider "$@"
  local status=$?
  set -e
  if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests on $label: that is a failure, not a pass." >&2
    exit 1
  fi
  [ "$status" -eq 0 ] || exit "$status"
}

DATABASE_URL="" run_suite SQLite "$@"

bash scripts/postgres.sh
DATABASE_URL=${THRIVE_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/thrive} \
  run_suite PostgreSQL "$@"

# Sourced by the other scripts: make sure .venv exists and holds what pyproject.toml asks for.
# Reinstalls only when pyproject.toml changed since the last install.
set -euo pipefail
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "Python 3.11 is needed; found $("$PYTHON" --version)." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv ..."
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.install-stamp
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "Installing the portal and its dependencies ..."
  .venv/bin/python -m pip install --quiet --upgrade pip
  # Not editable: the project installs no package of its own (it runs from this folder), only
  # its dependencies, and a non-editable build prints no editable-install notice.
  .venv/bin/python -m pip install --quiet ".[dev]"
  echo "$wanted" > "$stamp"
fi

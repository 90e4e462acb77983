#!/usr/bin/env bash
# The workshop hub's environment, for `make hub` and `make test-hub`:
#   PREFIX/venv   a venv built from Debian's /usr/bin/python3 with mlnotes[hub,test] installed (not
#                 editable): participants' servers run it, so it must not depend on a Python under
#                 root's 0700 home (pyenv) nor on the course folder, whose parents may be closed to them;
#   PROXY_DIR     configurable-http-proxy from npm (deploy/jupyterhub/package-lock.json), run by root.
# Usage: deploy/jupyterhub/setup.sh PREFIX PROXY_DIR   (as root: the hub creates OS accounts)
set -euo pipefail
prefix=$1 proxy_dir=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
if [ "$(id -u)" != 0 ]; then
    echo "mlnotes hub: run as root. The hub creates an OS account per participant and runs their servers as them." >&2
    exit 1
fi
if ! /usr/bin/python3 -c 'import ensurepip, venv' 2>/dev/null; then
    echo "mlnotes hub: installing Debian's python3-venv (the hub's venv is built from /usr/bin/python3)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
fi
if ! command -v npm >/dev/null; then
    echo "mlnotes hub: installing Debian's nodejs and npm (configurable-http-proxy runs on Node.js)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
umask 022  # everything under PREFIX is read and run by the participants' accounts
mkdir -p "$prefix"
chmod 755 "$prefix"
if ! test -x "$prefix/venv/bin/python"; then
    /usr/bin/python3 -m venv "$prefix/venv"
    # Debian's venv pip (23.0) cannot build this project (pyproject.toml, setuptools >= 68): a current one can.
    "$prefix/venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
fi
pip=("$prefix/venv/bin/python" -m pip install --quiet --disable-pip-version-check)
# Dependencies only when pyproject.toml changed; the package itself every time (a few seconds).
if ! cmp -s "$top/pyproject.toml" "$prefix/.installed-pyproject.toml"; then
    "${pip[@]}" "$top[hub,test]"
    cp "$top/pyproject.toml" "$prefix/.installed-pyproject.toml"
fi
# A copy of the source, so that setuptools' build folder never lands in the course folder's build/.
src=$(mktemp -d)
trap 'rm -rf "$src" "$src.log"' EXIT
cp -r "$top/pyproject.toml" "$top/README.md" "$top/mlnotes" "$src/"
# Its build prints setuptools' deprecation notices: shown only when the install fails.
"${pip[@]}" --no-deps --force-reinstall "$src" >"$src.log" 2>&1 || { cat "$src.log" >&2; exit 1; }
mkdir -p "$proxy_dir"
if ! cmp -s "$top/deploy/jupyterhub/package-lock.json" "$proxy_dir/package-lock.json"; then
    cp "$top/deploy/jupyterhub/package.json" "$top/deploy/jupyterhub/package-lock.json" "$proxy_dir/"
    npm ci --prefix "$proxy_dir" --no-audit --no-fund --loglevel=error
fi

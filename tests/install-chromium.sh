#!/bin/sh
# Installs Debian's chromium for the browser tests when it is missing (`make test` runs this).
set -eu
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Chromium est nécessaire aux tests dans le navigateur : installez le paquet « chromium » (apt-get install chromium) ou indiquez son chemin dans CHROMIUM=…" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium introuvable ($CHROMIUM) et apt-get absent : installez Chromium puis relancez avec CHROMIUM=/chemin/vers/chromium" >&2
  exit 1
fi
echo "Installation de Chromium (paquet Debian)…"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

#!/usr/bin/env bash
# Install the Debian packages given as arguments when they are missing.
# As root: installs them with apt-get. Otherwise: prints the exact command and stops.
set -euo pipefail

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian system: make sure these are installed: $*" >&2
  exit 0
fi

missing=()
for package in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
# PostgreSQL may come from another package (postgresql-15); initdb and pg_ctl are what we need.
if [[ " ${missing[*]-} " == *" postgresql "* ]] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing=("${missing[@]/postgresql}")
fi
missing=($(printf '%s\n' "${missing[@]-}" | grep -v '^$' || true))
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "These Debian packages are missing. Install them, then run make again:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

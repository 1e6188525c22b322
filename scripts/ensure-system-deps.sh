#!/usr/bin/env bash
# The tests need two programs from Debian: Chromium (Playwright drives it; it
# cannot download its own browser here) and protoc (checks proto/ against a real
# blob). Installs them with apt-get when missing and allowed; otherwise says how.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} from Debian" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "missing: ${missing[*]}. Install them (Debian/Ubuntu: sudo apt-get install ${missing[*]})," >&2
  echo "or point CHROMIUM_PATH at a Chromium and put protoc on PATH." >&2
  [ -n "${CHROMIUM_PATH:-}" ] || exit 1
fi

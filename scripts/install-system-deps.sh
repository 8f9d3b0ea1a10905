#!/usr/bin/env bash
# Installs the Debian packages the test suites use: real AWS clients (AWS CLI, boto3),
# Chromium for the VS Code tests, Neovim as a second LSP client, and what code-server's
# native modules need to build. Idempotent; needs root (CI and these machines run as root).
set -euo pipefail

packages=(awscli python3-boto3 chromium libkrb5-dev pkg-config neovim)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present (${packages[*]})"
  exit 0
fi

echo "system packages: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "error: installing ${missing[*]} needs root (run: sudo $0)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "system packages: done"

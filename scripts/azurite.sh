# Sourced by start.sh and test.sh: installs the npm tools (and the browser for tests) and starts Azurite on loopback.
# start_azurite PORT_BLOB PORT_QUEUE PORT_TABLE LOG: starts it in the background, waits for it, sets AZURITE_PID.

ensure_npm_tools() {
  # Installed again whenever package-lock.json changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing the npm tools: Azurite, Playwright, terser (npm ci)..."
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# The browser tests drive Debian's Chromium (Playwright's own browser download cannot be used here).
ensure_browser() {
  CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
  export CHROMIUM_PATH
  [ -x "$CHROMIUM_PATH" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Chromium (apt-get install chromium)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium at $CHROMIUM_PATH: sudo apt-get install chromium (or set CHROMIUM_PATH)."
    return 1
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_azurite() {
  local blob=$1 queue=$2 table=$3 log=$4; shift 4
  node_modules/.bin/azurite --silent --skipApiVersionCheck --disableProductStyleUrl \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" "$@" >"$log" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null; then return 0; fi
    if ! kill -0 "$AZURITE_PID" 2>/dev/null; then echo "Azurite failed to start:"; cat "$log"; return 1; fi
    sleep 0.2
  done
  echo "Azurite did not listen on port $table"; return 1
}

azurite_connection_string() {
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$2/devstoreaccount1;TableEndpoint=http://127.0.0.1:$3/devstoreaccount1;"
}

# Sourced by start.sh and test.sh: installs the npm tools and starts Azurite on loopback.
# start_azurite PORT_BLOB PORT_QUEUE PORT_TABLE LOG: starts it in the background, waits for it, sets AZURITE_PID.

ensure_npm_tools() {
  if [ ! -x node_modules/.bin/azurite ]; then
    echo "Installing Azurite (npm ci)..."
    npm ci --no-audit --no-fund --loglevel=error
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

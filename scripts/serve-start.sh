# Sourced by scripts/test-e2e.sh and scripts/bench-serve.sh:
# start_server LOG CMD... starts a server that prints its http://127.0.0.1:PORT
# address on stderr, waits for it, and sets $server (pid) and $url.
start_server() {
  local log=$1; shift
  "$@" 2> "$log" &
  server=$!
  url=
  for _ in $(seq 1 200); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n 1 || true)
    [ -n "$url" ] && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  echo "the server did not start:" >&2
  cat "$log" >&2
  return 1
}

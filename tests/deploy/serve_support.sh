# Shared by the tests that serve with the real programs (sourced): a free loopback port,
# waiting for a server to answer, and the set-up most of them repeat.

# serve_test_setup: a scratch folder $work, removed on exit after the server ($serve_pid, when
# set) is stopped, and fail MESSAGE, which prints the server's log ($work/serve.log) and exits 1.
# Called, not run on sourcing, so tests with set-ups of their own keep them.
serve_test_setup() {
  work=$(mktemp -d)
  trap serve_test_cleanup EXIT
  fail() { echo "FAIL: $*"; [ -f "$work/serve.log" ] && cat "$work/serve.log"; exit 1; }
}
serve_test_cleanup() {
  [ -n "${serve_pid:-}" ] && kill "$serve_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}

# A port below Linux's ephemeral range (32768-60999 by default): one in it may be the local end
# of some client's connection, which a listening probe does not see but bind() refuses.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 12000))
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  echo "no free port" >&2
  return 1
}

# wait_for_healthz PORT [TENTHS]: until http://127.0.0.1:PORT/healthz answers (default 20 s);
# fails when it never does.
wait_for_healthz() {
  local port=$1 tries=${2:-200}
  for _ in $(seq 1 "$tries"); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null
}

# Shared by the deploy tests (sourced): a free loopback port, and waiting for a server to answer.

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

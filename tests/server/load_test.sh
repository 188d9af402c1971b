#!/usr/bin/env bash
# Load test of dlgo-serve with wrk over loopback (not part of ctest: it measures, it does not
# judge). Starts the server from a build folder, runs wrk against it, prints one line per run
# (requests/s, p50, p99, errors) and the server's peak RSS, then stops the server with SIGTERM.
#
#   tests/server/load_test.sh [--build DIR] [--duration 10s] [--threads N]
#                             [--predict-agent FILE] [--pg-agent FILE]
#
# Runs: the random bot with a 10-move 9x9 history at 8 connections; /healthz and a static page
# at 1, 8 and 32 connections; with --predict-agent, the predict bot (19x19, 10 moves) at 1, 8
# and 32 connections.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build="$root/build"
duration=10s
threads=1
agent_args=()
have_predict=0
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --predict-agent) agent_args+=(--predict-agent "$2"); have_predict=1; shift 2 ;;
    --pg-agent) agent_args+=(--pg-agent "$2"); shift 2 ;;
    *) echo "load_test.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
serve="$build/bin/dlgo-serve"
[ -x "$serve" ] || { echo "load_test.sh: no $serve (build dlgo-serve first)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "load_test.sh: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill -TERM "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
"$serve" --port 0 --threads "$threads" --queue-size 256 "${agent_args[@]}" >"$work/serve.log" 2>&1 &
server_pid=$!
port=
for _ in $(seq 200); do
  port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/serve.log" | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/serve.log" >&2; exit 1; }
base="http://127.0.0.1:$port"

post_script() {  # FILE BODY
  cat >"$1" <<LUA
wrk.method = "POST"
wrk.body = '$2'
wrk.headers["Content-Type"] = "application/json"
LUA
}
post_script "$work/random.lua" \
  '{"board_size":9,"moves":["E5","C3","G7","C7","G3","D4","F6","D6","E3","F4"]}'
post_script "$work/predict.lua" \
  '{"board_size":19,"moves":["Q16","D4","Q4","D16","C14","R6","F17","P17","C6","O3"]}'
printf 'return\n' >"$work/get.lua"

# One wrk run: LABEL CONNECTIONS SCRIPT URL
measure() {
  local label=$1 connections=$2 script=$3 url=$4
  local wrk_threads=$((connections < 2 ? 1 : 2))
  wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency -s "$script" "$url" >"$work/wrk.txt"
  local rps p50 p99 non2xx socket_errors
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")
  socket_errors=$(awk -F'[ ,]+' '/Socket errors/ {print $4+$6+$8+$10}' "$work/wrk.txt")
  printf '%-34s %4s conn %11s req/s   p50 %9s   p99 %9s   errors %s\n' "$label" \
    "$connections" "$rps" "$p50" "$p99" "$(( ${non2xx:-0} + ${socket_errors:-0} ))"
}

echo "dlgo-serve $base, --threads $threads, wrk runs of $duration ($(nproc) CPUs)"
measure "random bot, 10-move history" 8 "$work/random.lua" "$base/select-move/random"
for c in 1 8 32; do measure "GET /healthz" "$c" "$work/get.lua" "$base/healthz"; done
for c in 1 8 32; do
  measure "GET /static/play_random_99.html" "$c" "$work/get.lua" "$base/static/play_random_99.html"
done
if [ "$have_predict" = 1 ]; then
  for c in 1 8 32; do measure "predict bot, 10-move history" "$c" "$work/predict.lua" "$base/select-move/predict"; done
fi
echo "peak RSS of dlgo-serve: $(awk '/VmHWM/ {print $2, $3}' "/proc/$server_pid/status")"
kill -TERM "$server_pid"
wait "$server_pid" && echo "dlgo-serve stopped cleanly (exit 0)"

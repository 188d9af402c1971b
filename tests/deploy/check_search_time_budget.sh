#!/usr/bin/env bash
# The served 19x19 search bot keeps its per-move time budget on one core: dlgo-serve
# --seconds-per-move with a zero agent file (pvresnet, history encoder, 19x19), pinned to one
# CPU, answers every /select-move within the budget plus a small margin, having searched for
# most of it; its peak memory stays well under the 1 GB of a small serving box.
set -euo pipefail
serve=$1 init=$2
# shellcheck source=serve_support.sh
source "$(dirname "${BASH_SOURCE[0]}")/serve_support.sh"
serve_test_setup

"$init" --out "$work/zero19.h5" --kind zero --network pvresnet --blocks 6 --filters 64 \
  --encoder history --board-size 19 >/dev/null || fail "dlgo-init"

pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
port=$(free_port) || fail "no free port"
budget=2  # the served budget of docs/deploy.md
"${pin[@]}" "$serve" --bind-address 127.0.0.1 --port "$port" --threads 1 \
  --predict-agent "$work/zero19.h5" --seconds-per-move "$budget" >"$work/serve.log" 2>&1 &
serve_pid=$!
wait_for_healthz "$port" 300 || fail "dlgo-serve did not start"

# An empty board, an opening and a capture race on the edge.
for moves in '[]' '["D4","Q16","D16","Q4","C3","R17","K10"]' '["A1","B1","A3","B2","C1","A2"]'; do
  # curl's own clock: from the connection to the last byte of the answer (not curl's start-up).
  took=$(curl -sf -o "$work/move.json" -w '%{time_total}' -X POST \
    -H 'Content-Type: application/json' -d "{\"board_size\": 19, \"moves\": $moves}" \
    "http://127.0.0.1:$port/select-move/predict") || fail "select-move $moves"
  /usr/bin/python3 - "$work/move.json" "$took" "$budget" <<'PY' || fail "move after $moves"
import json, sys
answer = json.load(open(sys.argv[1]))
took = float(sys.argv[2])
budget = float(sys.argv[3])
assert answer.get("bot_move"), answer
# The search runs until its deadline (a fixed number of rounds would end anywhere), which counts
# from the agent's call; 0.1 s more is for HTTP and a busy machine.
assert 0.9 * budget <= took <= budget + 0.1, f"took {took:.3f} s for a {budget} s budget"
print(f"{answer['bot_move']} in {took:.3f} s")
PY
done

peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$serve_pid/status")
[ "$peak_kb" -lt $((1024 * 1024)) ] || fail "peak RSS $peak_kb kB is over 1 GB"
echo "peak RSS $((peak_kb / 1024)) MB"

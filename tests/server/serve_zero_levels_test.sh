#!/usr/bin/env bash
# dlgo-serve with a zero agent file (a bot with a value head): --seconds-per-move is the cap and
# top level of a timed search, the agent's rounds those of a counted one; a request above the
# cap is clamped and says so; /score adds the network's view (method playouts+value); the
# requests of one game reuse the search tree.
set -euo pipefail
serve=$1 init=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../deploy/serve_support.sh
source "$here/../deploy/serve_support.sh"
serve_test_setup

"$init" --out "$work/zero9.h5" --kind zero --network resnet --blocks 1 --filters 8 \
  --encoder zero --board-size 9 >/dev/null || fail "dlgo-init"

start() {
  port=$(free_port) || fail "no free port"
  "$serve" --bind-address 127.0.0.1 --port "$port" --threads 1 --zero-agent "$work/zero9.h5" \
    "$@" >"$work/serve.log" 2>&1 &
  serve_pid=$!
  wait_for_healthz "$port" 300 || fail "dlgo-serve did not start"
}
stop() { kill "$serve_pid"; wait "$serve_pid" || true; serve_pid=; }
post() { curl -sf -X POST "http://127.0.0.1:$port/$1" -d "$2" || fail "POST /$1 $2"; }
# check JSON PYTHON-EXPRESSION: the expression over `d` (the JSON on stdin) must be true.
check() {
  python3 -c "import json, sys; d = json.load(sys.stdin); sys.exit(0 if ($1) else 1)" ||
    fail "expected $1"
}

# Timed search: levels are 1/8 .. all of --seconds-per-move.
start --seconds-per-move 0.4
curl -sf "http://127.0.0.1:$port/bots" >"$work/bots.json" || fail "GET /bots"
check '[l["description"] for l in [b for b in d["bots"] if b["name"] == "zero"][0]["levels"]]
       == ["0.05 s a move", "0.1 s a move", "0.2 s a move", "0.4 s a move"]' <"$work/bots.json"
check '[b for b in d["bots"] if b["name"] == "zero"][0]["default_level"] == 4' <"$work/bots.json"
post select-move/zero '{"board_size": 9, "moves": ["E5"], "seconds_per_move": 30}' |
  check 'd["limits"]["clamped"] and d["limits"]["seconds_per_move"] == 0.4
         and d["diagnostics"]["seconds"] < 5'
post score/zero '{"board_size": 9, "moves": ["E5", "pass", "pass"]}' |
  check 'd["method"] == "playouts+value" and 0 <= d["black_win_rate"] <= 1
         and len(d["ownership"]) == 81'
stop

# Counted search: the agent file's 200 rounds are the cap. One search thread, so that which
# moves 25 visits reach, and so how many a continued request keeps, does not depend on timing.
start --search-threads 1
post select-move/zero '{"board_size": 9, "moves": ["E5"], "level": 1}' |
  check 'd["limits"] == {"level": 1, "visits": 25, "clamped": False}'
post select-move/zero '{"board_size": 9, "moves": ["E5"], "visits": 5000}' |
  check 'd["limits"]["clamped"] and d["limits"]["visits"] == 200'

# One player per game: a request that continues the last one (the bot's move and the reply its
# principal variation expected) goes on from that search tree, so its root has the visits
# kept from the previous move besides this move's 25; a new game starts from none.
post select-move/zero '{"board_size": 9, "moves": ["C3"], "level": 1}' >"$work/first.json"
check 'd["diagnostics"]["visits"] <= 26 and len(d["diagnostics"]["principal_variation"]) >= 2' \
  <"$work/first.json"
continued=$(python3 -c 'import json, sys; d = json.load(sys.stdin)
print(json.dumps({"board_size": 9, "moves": ["C3"] + d["diagnostics"]["principal_variation"][:2],
                  "level": 1}))' <"$work/first.json")
post select-move/zero "$continued" | check 'd["diagnostics"]["visits"] > 26'
post select-move/zero '{"board_size": 9, "moves": ["G7"], "level": 1}' |
  check 'd["diagnostics"]["visits"] <= 26'
stop
echo "ok: zero bot levels, cap and /score value"

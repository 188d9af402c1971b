#!/usr/bin/env bash
# The bundled agents (agents/, docs/agents.md) are small, load in dlgo-serve exactly as
# tools/quickstart starts it, and answer moves on their pages' boards.
set -euo pipefail
serve=$1 root=$2
# shellcheck source=serve_support.sh
source "$(dirname "${BASH_SOURCE[0]}")/serve_support.sh"
serve_test_setup

for agent in zero_19 predict_19 pg_99; do
  file="$root/agents/$agent.h5"
  [ -f "$file" ] || fail "$file is missing (docs/agents.md says how it is made)"
  size=$(stat -c %s "$file")
  [ "$size" -lt $((8 * 1024 * 1024)) ] || fail "$file is $size bytes; bundled agents must stay small"
done

port=$(free_port) || fail "no free port"
"$serve" --bind-address 127.0.0.1 --port "$port" --static-dir "$root/web" --threads 1 \
  --zero-agent "$root/agents/zero_19.h5" --seconds-per-move 2 \
  --predict-agent "$root/agents/predict_19.h5" --pg-agent "$root/agents/pg_99.h5" >"$work/serve.log" 2>&1 &
serve_pid=$!
wait_for_healthz "$port" || fail "dlgo-serve did not start with the bundled agents"

curl -sf "http://127.0.0.1:$port/bots" >"$work/bots.json" || fail "GET /bots"
/usr/bin/python3 - "$work/bots.json" <<'PY'
import json, sys
bots = {b["name"]: b for b in json.load(open(sys.argv[1]))["bots"]}
assert bots["predict"]["kind"] == "predict" and bots["predict"]["board_size"] == 19, bots["predict"]
assert bots["pg"]["kind"] == "pg" and bots["pg"]["board_size"] == 9, bots["pg"]
assert bots["zero"]["kind"] == "zero" and bots["zero"]["board_size"] == 19, bots["zero"]
# The book's 19x19 page plays the search bot; the raw policy keeps a page of its own.
assert bots["zero"]["page"] == "/static/play_predict_19.html", bots["zero"]
assert bots["predict"]["page"] == "/static/play_predict_19.html?bot=predict", bots["predict"]
print("bots ok:", bots["zero"]["source"], bots["predict"]["source"], bots["pg"]["source"])
PY

move() {  # bot, board size, moves JSON -> the answer
  curl -sf -X POST -H 'Content-Type: application/json' \
    -d "{\"board_size\": $2, \"moves\": $3}" "http://127.0.0.1:$port/select-move/$1"
}
move zero 19 '["D4", "Q16", "Q4"]' >"$work/zero.json" || fail "zero did not answer"
move predict 19 '["D4", "Q16", "Q4"]' >"$work/predict.json" || fail "predict did not answer"
move pg 9 '["E5", "C3"]' >"$work/pg.json" || fail "pg did not answer"
/usr/bin/python3 - "$work/zero.json" "$work/predict.json" "$work/pg.json" <<'PY'
import json, re, sys
for path, occupied in ((sys.argv[1], {"D4", "Q16", "Q4"}), (sys.argv[2], {"D4", "Q16", "Q4"}),
                       (sys.argv[3], {"E5", "C3"})):
    answer = json.load(open(path))
    move = answer["bot_move"]
    assert re.fullmatch(r"[A-HJ-T]\d{1,2}|pass|resign", move), answer
    assert move not in occupied, answer
    assert answer["diagnostics"]["top_moves"], answer
print("moves ok")
PY
for page in play_predict_19.html play_pg_99.html; do
  curl -sf "http://127.0.0.1:$port/static/$page" >/dev/null || fail "GET /static/$page"
done
echo "bundled agents ok"

#!/usr/bin/env bash
# What a newcomer types first: without --board-size, dlgo-gtp, dlgo-eval, dlgo-selfplay and
# dlgo-rl play on the agent file's own board (a GUI runs `dlgo-gtp --agent agents/pg_99.h5`);
# dlgo-init takes --out like every other program, and still its old positional file.
set -euo pipefail
dlgo_gtp=$1 dlgo_eval=$2 dlgo_selfplay=$3 dlgo_rl=$4 dlgo_init=$5 agents=$6
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*"
  [ -f "$work/err" ] && cat "$work/err"
  exit 1
}
run() { # run CMD...: exit code in $code, output in $work/out and $work/err
  set +e
  "$@" >"$work/out" 2>"$work/err"
  code=$?
  set -e
}

# dlgo-gtp: the 9x9 agent starts on 9x9 and answers genmove with a 9x9 vertex.
printf 'genmove b\nquit\n' >"$work/commands"
run "$dlgo_gtp" --agent "$agents/pg_99.h5" <"$work/commands"
[ "$code" = 0 ] || fail "dlgo-gtp --agent pg_99.h5: exit $code"
grep -qE '^= ([A-HJ][1-9]|pass)$' "$work/out" || fail "genmove did not answer a 9x9 vertex: $(cat "$work/out")"
# A board asked for on the command line is still checked.
run "$dlgo_gtp" --agent "$agents/pg_99.h5" --board-size 19 <"$work/commands"
[ "$code" = 1 ] && grep -q "does not play on 19x19" "$work/err" || fail "--board-size 19 with a 9x9 agent"

# dlgo-eval: the 19x19 agent against random plays on 19x19 (the usual default is 9).
run "$dlgo_eval" match --agent1 "$agents/predict_19.h5" --agent2 random --games 1 --max-moves 4
[ "$code" = 0 ] || fail "dlgo-eval match with predict_19.h5: exit $code"
grep -q "vs random on 19x19" "$work/out" || fail "the match was not on 19x19"

# dlgo-eval --record: an agent file replaced in place (retrained) makes its record another
# match's, named as such; the record is left as it was.
cp "$agents/predict_19.h5" "$work/bot.h5"
run "$dlgo_eval" match --agent1 "$work/bot.h5" --agent2 random --games 1 --max-moves 4 --record "$work/record"
[ "$code" = 0 ] || fail "dlgo-eval match --record: exit $code"
grep -q "^setting	agent1 file	[0-9]* bytes, fnv1a64 " "$work/record" || fail "no agent file fingerprint: $(cat "$work/record")"
cp "$work/record" "$work/record.before"
cp "$agents/zero_19.h5" "$work/bot.h5"
run "$dlgo_eval" match --agent1 "$work/bot.h5" --agent2 random --games 2 --max-moves 4 --record "$work/record"
[ "$code" = 1 ] && grep -q "belongs to another match: agent1 file is .* there, .* here" "$work/err" ||
  fail "a retrained agent file resumed the old match (exit $code)"
cmp -s "$work/record" "$work/record.before" || fail "the refused record was changed"

# dlgo-selfplay: the same.
run "$dlgo_selfplay" --agent "$agents/predict_19.h5" --agent2 random --num-games 1 --max-moves 4 --seed 3
[ "$code" = 0 ] || fail "dlgo-selfplay with predict_19.h5: exit $code"

# dlgo-eval --sampled-opening-moves: a search at fixed visits on one thread is deterministic, so
# against itself games 1 and 3 (the same colours) repeat move for move; with sampled openings
# they differ.
run "$dlgo_init" --out "$work/z5.h5" --kind zero --network pvresnet --blocks 1 --filters 16 --encoder zero --board-size 5 --seed 4
[ "$code" = 0 ] || fail "dlgo-init zero 5x5: exit $code"
moves() { grep -o ';[BW]\[[a-z]*\]' "$1" | tr -d '\n'; }
for opening in 0 8; do
  run "$dlgo_eval" match --agent1 "$work/z5.h5" --agent2 "$work/z5.h5" --games 3 --rounds 8 \
    --search-threads 1 --sampled-opening-moves "$opening" --sgf-dir "$work/games$opening"
  [ "$code" = 0 ] || fail "dlgo-eval match --sampled-opening-moves $opening: exit $code"
done
[ -n "$(moves "$work/games0/game_0001.sgf")" ] || fail "no moves in $work/games0/game_0001.sgf"
[ "$(moves "$work/games0/game_0001.sgf")" = "$(moves "$work/games0/game_0003.sgf")" ] ||
  fail "without sampled openings, games 1 and 3 were expected to repeat"
[ "$(moves "$work/games8/game_0001.sgf")" != "$(moves "$work/games8/game_0003.sgf")" ] ||
  fail "with --sampled-opening-moves 8, games 1 and 3 still repeat"

# dlgo-init --out, and the positional form.
run "$dlgo_init" --out "$work/pg5.h5" --kind pg --network small --encoder simple --board-size 5
[ "$code" = 0 ] && [ -s "$work/pg5.h5" ] || fail "dlgo-init --out"
run "$dlgo_init" "$work/positional.h5" --kind pg --network small --encoder simple --board-size 5
[ "$code" = 0 ] && [ -s "$work/positional.h5" ] || fail "dlgo-init FILE"
run "$dlgo_init" --kind pg
[ "$code" = 2 ] && grep -q "give the agent file to write: --out FILE" "$work/err" || fail "no file"
run "$dlgo_init" "$work/a.h5" --out "$work/b.h5"
[ "$code" = 2 ] || fail "two output files: exit $code, expected 2"

# dlgo-rl: a 5x5 agent runs its loop on 5x5.
run "$dlgo_rl" --agent "$work/pg5.h5" --work-dir "$work/loop" --rounds 1 --games-per-round 2 \
  --eval-games 2 --threads 1 --seed 1
[ "$code" = 0 ] || fail "dlgo-rl with a 5x5 agent and no --board-size: exit $code"
echo "the programs take the agent's board, dlgo-init takes --out"

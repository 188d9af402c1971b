#!/usr/bin/env bash
# A `dlgo-data prepare` killed between renaming its train file and its test file leaves the new
# train file beside the previous run's test file. dlgo-train must refuse such a pair, naming
# both files; a pair of one run trains, and so does a pair written before run ids existed.
set -euo pipefail
dlgo_data=$1 dlgo_train=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*"
  [ -f "$work/err" ] && cat "$work/err"
  exit 1
}

mkdir "$work/games"
moves=(ee cc gg cg gc dd ff df fd ce)
for i in 0 1 2 3 4 5; do
  game="(;GM[1]FF[4]SZ[9]"
  for j in 0 1 2 3 4 5; do
    colour=$([ $((j % 2)) = 0 ] && echo B || echo W)
    game+=";${colour}[${moves[$(((i + j) % 10))]}]"
  done
  printf '%s)' "$game" >"$work/games/g$i.sgf"
done
# Two runs, the same seed and inputs: only their run ids differ.
for prefix in old new; do
  "$dlgo_data" prepare --input "$work/games" --board-size 9 --encoder oneplane --games 4 \
    --test-games 2 --out "$work/$prefix" >/dev/null
done
train() { # train TRAIN TEST: exit code in $code
  set +e
  "$dlgo_train" --train "$1" --test "$2" --network small --epochs 1 --batch-size 8 --threads 1 \
    --device cpu --out "$work/agent.h5" >/dev/null 2>"$work/err"
  code=$?
  set -e
}

cp "$work/new.train.h5" "$work/old.train.h5"  # the kill between the renames
train "$work/old.train.h5" "$work/old.test.h5"
[ "$code" = 1 ] || fail "a mismatched pair: exit $code, expected 1"
grep -qF "$work/old.train.h5 and $work/old.test.h5 are not one pair: they come from different dlgo-data prepare runs" \
  "$work/err" || fail "the error does not name both files"
[ ! -e "$work/agent.h5" ] || fail "an agent was written from a mismatched pair"

train "$work/new.train.h5" "$work/new.test.h5"
[ "$code" = 0 ] || fail "a pair of one run: exit $code"

# Files from before run ids: the attribute removed.
/usr/bin/python3 - "$work/new.train.h5" "$work/new.test.h5" <<'PY'
import sys, h5py
for path in sys.argv[1:]:
    with h5py.File(path, "r+") as f:
        del f.attrs["run_id"]
PY
rm -f "$work/agent.h5"
train "$work/new.train.h5" "$work/new.test.h5"
[ "$code" = 0 ] || fail "a pair without run ids: exit $code"
[ -f "$work/agent.h5" ] || fail "no agent from a pair without run ids"
echo "dlgo-train refuses a pair of two prepare runs"

#!/usr/bin/env bash
# The reinforcement-learning programs end to end on 5x5 (see tests/rl/CMakeLists.txt).
set -euo pipefail
dlgo_init=$1 dlgo_selfplay=$2 dlgo_train=$3 dlgo_rl=$4
python=/usr/bin/python3
"$python" -c 'import h5py, numpy' || { echo "needs Debian's python3-h5py"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$dlgo_init" --kind pg --network resnet --blocks 1 --filters 8 --encoder simple --board-size 5 "$work/pg.h5" >/dev/null

# Self-play on two workers, twice; the experience is readable from Python as documented.
"$dlgo_selfplay" --agent "$work/pg.h5" --num-games 8 --board-size 5 --workers 2 --seed 4 \
  --experience-out "$work/e1.h5" --sgf-out "$work/sgf" > "$work/selfplay.txt"
grep -q "wrote .* decisions to" "$work/selfplay.txt" || fail "dlgo-selfplay did not report the experience"
[ "$(ls "$work/sgf" | wc -l)" -eq 8 ] || fail "expected 8 SGF files"
"$dlgo_selfplay" --agent "$work/pg.h5" --agent2 random --num-games 4 --board-size 5 --seed 5 \
  --experience-out "$work/e2.h5" > "$work/versus.txt"
grep -q "won .* won .* drawn, of 4 games" "$work/versus.txt" || fail "no match summary against random"
"$python" - "$work/e1.h5" "$work/e2.h5" <<'PY'
import sys, h5py, numpy as np
for path in sys.argv[1:]:
    g = h5py.File(path, "r")["experience"]
    n = g["actions"].shape[0]
    assert n > 0, path
    assert g.attrs["format"] == "dlgo-experience" and g.attrs["encoder"] == "simple", dict(g.attrs)
    assert g["states"].shape == (n, 11, 5, 5), g["states"].shape
    assert g["rewards"].shape == (n,) and g["advantages"].shape == (n,)
    assert set(np.unique(g["rewards"][:])) <= {-1.0, 1.0}
    assert g["actions"][:].min() >= 0 and g["actions"][:].max() < 25
    states = g["states"][:]
    assert set(np.unique(states)) <= {0.0, 1.0}
    # the action is an empty point: no stone of either colour there (planes 0-7 hold stones)
    for s, a in zip(states, g["actions"][:]):
        assert s[:8, a // 5, a % 5].sum() == 0, a
    # move masks: 0/1, the action always allowed, every stone's point excluded
    masks = g["move_masks"][:]
    assert masks.shape == (n, 25) and masks.dtype == np.uint8, masks.shape
    assert set(np.unique(masks)) <= {0, 1}
    assert all(m[a] == 1 for m, a in zip(masks, g["actions"][:]))
    stones = states[:, :8].sum(axis=1).reshape(n, 25) > 0
    assert not (masks.astype(bool) & stones).any()
print("h5py ok")
PY

# Training merges both files.
"$dlgo_train" --experience "$work/e1.h5" "$work/e2.h5" --method pg --agent "$work/pg.h5" \
  --out "$work/pg_trained.h5" --epochs 2 --lr 0.01 --device cpu > "$work/train.txt"
rows1=$("$python" -c "import h5py; print(h5py.File('$work/e1.h5')['experience/actions'].shape[0])")
rows2=$("$python" -c "import h5py; print(h5py.File('$work/e2.h5')['experience/actions'].shape[0])")
grep -q "trained on $((rows1 + rows2)) decisions from 2 file(s)" "$work/train.txt" || { cat "$work/train.txt"; fail "merge count"; }
"$dlgo_selfplay" --agent "$work/pg_trained.h5" --num-games 1 --board-size 5 --seed 6 >/dev/null
"$dlgo_train" --experience "$work/e1.h5" --method pg --agent "$work/pg.h5" --augment \
  --out "$work/pg_augmented.h5" --lr 0.01 --device cpu > "$work/train_aug.txt"
[ -s "$work/pg_augmented.h5" ] || fail "dlgo-train --experience --augment wrote no agent"

# Bad input: exit 1 with a message naming the problem; usage errors exit 2.
set +e
"$dlgo_train" --experience "$work/missing.h5" --method pg --agent "$work/pg.h5" --out "$work/x.h5" 2> "$work/err.txt"
[ $? -eq 1 ] && grep -q "missing.h5: no such file" "$work/err.txt" || fail "missing experience not reported"
"$dlgo_train" --experience "$work/e1.h5" --method ac --agent "$work/pg.h5" --out "$work/x.h5" 2> "$work/err.txt"
[ $? -eq 1 ] && grep -q "value head" "$work/err.txt" || fail "ac on a pg network not refused"
"$dlgo_train" --out "$work/x.h5" 2> "$work/err.txt"
[ $? -eq 2 ] || fail "no --train/--experience should be a usage error"
"$dlgo_rl" --agent "$work/pg.h5" --work-dir "$work/bad" --board-size 9 2> "$work/err.txt"
[ $? -eq 1 ] && grep -q "is for 5x5, not 9x9" "$work/err.txt" || fail "board mismatch not reported"
"$dlgo_selfplay" --agent "$work/pg.h5" --board-size 9 --experience-out "$work/x.h5" 2> "$work/err.txt"
[ $? -eq 1 ] && grep -q "cannot play on 9x9" "$work/err.txt" || fail "selfplay board mismatch not reported"
mkdir -p "$work/leftover/experience" && cp "$work/e1.h5" "$work/leftover/experience/round_001.h5"
"$dlgo_rl" --agent "$work/pg.h5" --work-dir "$work/leftover" --board-size 5 2> "$work/err.txt"
[ $? -eq 1 ] && grep -q "holds files of an earlier loop" "$work/err.txt" || fail "leftover rounds not refused"
"$dlgo_rl" --agent "$work/pg.h5" --work-dir "$work/wrongmethod" --board-size 5 --method ac 2> "$work/err.txt"
[ $? -eq 1 ] && grep -q "value head" "$work/err.txt" || fail "method ac on a pg agent not refused before self-play"
[ ! -e "$work/wrongmethod/experience/round_001.h5" ] || fail "self-play ran before the method check"
"$dlgo_train" --experience "$work/e1.h5" --agent "$work/pg.h5" --out "$work/x.h5" --amp 2> "$work/err.txt"
[ $? -eq 2 ] || fail "--amp with --experience should be a usage error"
set -e
[ ! -e "$work/x.h5" ] || fail "a failed run wrote an output file"

# One dlgo-rl round, then a second one resumed from the work dir.
rl_args=(--agent "$work/pg.h5" --work-dir "$work/loop" --board-size 5 --games-per-round 12 --eval-games 6
         --reference random --reference-games 4 --method pg --lr 0.01 --threads 1 --seed 9)
"$dlgo_rl" "${rl_args[@]}" --rounds 1 > "$work/rl1.txt"
for f in state.json metrics.csv progress.svg log.txt best.h5 initial.h5 experience/round_001.h5 candidates/round_001.h5; do
  [ -s "$work/loop/$f" ] || fail "dlgo-rl did not write $f"
done
[ "$(wc -l < "$work/loop/metrics.csv")" -eq 2 ] || fail "metrics.csv should have one round"
"$dlgo_rl" "${rl_args[@]}" --rounds 2 > "$work/rl2.txt"
grep -q "resuming after round 1" "$work/rl2.txt" || fail "second run did not resume"
[ "$(wc -l < "$work/loop/metrics.csv")" -eq 3 ] || fail "metrics.csv should have two rounds"

# Killed at an arbitrary moment during rounds 3-4 and run again: it finishes with every round once.
"$dlgo_rl" "${rl_args[@]}" --rounds 4 > "$work/rl3.txt" 2>&1 &
pid=$!
sleep 0.7
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
"$dlgo_rl" "${rl_args[@]}" --rounds 4 > "$work/rl4.txt"
"$python" - "$work/loop" <<'PY'
import json, sys, os, h5py
loop = sys.argv[1]
state = json.load(open(os.path.join(loop, "state.json")))
rounds = [r["round"] for r in state["rounds"]]
assert rounds == [1, 2, 3, 4], rounds
best = state["best_round"]
assert best == 0 or state["rounds"][best - 1]["promoted"], state
for r in state["rounds"]:
    assert r["promoted"] == (r["win_rate"] >= 0.55), r
    assert 0 <= r["reference_win_rate"] <= 1, r
lines = open(os.path.join(loop, "metrics.csv")).read().splitlines()
assert len(lines) == 5, lines
for name in os.listdir(os.path.join(loop, "experience")):
    assert name.endswith(".h5"), name  # no .partial left behind
    h5py.File(os.path.join(loop, "experience", name), "r")["experience/actions"]
print("rl loop ok, best round", best)
PY
grep -q "<svg" "$work/loop/progress.svg" || fail "progress.svg is not an SVG"

# Killed exactly after each step of round 5 (self-play saved, candidate trained, evaluated,
# state saved), then resumed: every round exactly once, best.h5 equal to the best state.json names.
crash_args=(--agent "$work/pg.h5" --work-dir "$work/crash" --board-size 5 --games-per-round 12 --eval-games 6
            --reference random --reference-games 4 --method pg --lr 0.01 --threads 1 --seed 9)
for step in selfplay train evaluate state; do
  rm -rf "$work/crash" && cp -r "$work/loop" "$work/crash"
  set +e
  DLGO_RL_TEST_EXIT_AFTER=$step "$dlgo_rl" "${crash_args[@]}" --rounds 5 > /dev/null 2>&1
  code=$?
  set -e
  [ "$code" -eq 3 ] || fail "the test hook did not stop the loop after $step (exit $code)"
  "$dlgo_rl" "${crash_args[@]}" --rounds 5 > "$work/crash.txt"
  "$python" - "$work/crash" "$step" <<'PY'
import json, sys, os, filecmp
loop, step = sys.argv[1], sys.argv[2]
state = json.load(open(os.path.join(loop, "state.json")))
assert [r["round"] for r in state["rounds"]] == [1, 2, 3, 4, 5], (step, state["rounds"])
best = state["best_round"]
best_file = os.path.join(loop, "initial.h5" if best == 0 else "candidates/round_%03d.h5" % best)
assert filecmp.cmp(best_file, os.path.join(loop, "best.h5"), shallow=False), (step, best)
assert len(open(os.path.join(loop, "metrics.csv")).read().splitlines()) == 6, step
PY
done
echo "step-exact kills ok"

# Continue mode: the latest candidate plays and trains on; the gate only moves the best.
"$dlgo_rl" --agent "$work/pg.h5" --work-dir "$work/cont" --board-size 5 --games-per-round 10 --eval-games 4 \
  --learner continue --experience-window 1 --rounds 2 --lr 0.01 --threads 1 --seed 3 > "$work/cont.txt"
"$python" - "$work/cont" <<'PY'
import json, sys, os
state = json.load(open(os.path.join(sys.argv[1], "state.json")))
assert state["learner"] == "continue" and state["learner_round"] == 2, state
assert len(state["rounds"]) == 2
print("continue mode ok")
PY
set +e
"$dlgo_rl" --agent "$work/pg.h5" --work-dir "$work/cont" --board-size 5 --rounds 3 2> "$work/err.txt"
[ $? -eq 1 ] && grep -q "learner is continue, not best" "$work/err.txt" || fail "a resumed loop must keep its learner"
set -e
echo "rl programs ok"

#!/usr/bin/env bash
# dlgo-train end to end: a run killed with SIGKILL after its first checkpoint resumes from the
# newest checkpoint and finishes all epochs; the agent file reads in Python with h5py.
set -euo pipefail
dlgo_train=$1 dlgo_init=$2 dlgo_data=$3 dlgo_selfplay=$4 dlgo_eval=$5
work=$(mktemp -d)
trap 'kill -9 "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

"$dlgo_selfplay" --board-size 9 --num-games 40 --seed 3 --sgf-out "$work/sgf" >/dev/null
"$dlgo_data" prepare --input "$work/sgf" --board-size 9 --games 32 --test-games 8 --out "$work/d" >/dev/null

args=(--train "$work/d.train.h5" --test "$work/d.test.h5" --network small --epochs 6
      --batch-size 32 --threads 1 --seed 5 --out "$work/agent.h5" --checkpoint-dir "$work/ck")
"$dlgo_train" "${args[@]}" >"$work/first.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  [ -f "$work/ck/epoch_001.h5" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/first.log"; echo "dlgo-train ended early"; exit 1; }
  sleep 0.2
done
[ -f "$work/ck/epoch_001.h5" ] || { echo "no checkpoint after 120 s"; exit 1; }
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
[ ! -f "$work/agent.h5" ] || { echo "the killed run should not have finished"; exit 1; }
latest=$(ls "$work"/ck/epoch_*.h5 | sort | tail -n 1)
echo "killed after $(basename "$latest"); resuming"
# A kill can land mid-write: the staging files it leaves are cleared by the next run, while a
# file of the user's that merely ends the same way is kept.
echo torn >"$work/ck/best.h5.partial"
echo torn >"$work/ck/epoch_009.h5.partial"
echo torn >"$work/agent.h5.partial"
echo mine >"$work/ck/notes.partial"
"$dlgo_train" "${args[@]}" --resume "$latest" >"$work/resume.log" 2>&1 || { cat "$work/resume.log"; exit 1; }
[ -f "$work/agent.h5" ]
rows=$(($(wc -l <"$work/ck/metrics.csv") - 1))
[ "$rows" = 6 ] || { echo "metrics.csv has $rows epochs, expected 6"; exit 1; }
[ -f "$work/ck/notes.partial" ] || { echo "a user's file was removed"; exit 1; }
rm "$work/ck/notes.partial"
left=$(find "$work" -name '*.partial')
[ -z "$left" ] || { echo "partial files left behind: $left"; exit 1; }

# A bad flag is a usage error (2); a missing dataset a user error (1) naming it.
set +e
"$dlgo_train" --train "$work/d.train.h5" --out "$work/x.h5" --optimizer rmsprop >/dev/null 2>&1; usage=$?
"$dlgo_train" --train "$work/missing.h5" --out "$work/x.h5" 2>"$work/err"; user=$?
set -e
[ "$usage" = 2 ] && [ "$user" = 1 ] && grep -q "missing.h5" "$work/err"

# dlgo-eval accuracy reads the agent and reports the same test top-1 as the last epoch.
"$dlgo_eval" accuracy --agent "$work/agent.h5" --data "$work/d.test.h5" --device cpu >"$work/acc.log" 2>/dev/null
grep -q "top-1" "$work/acc.log" || { cat "$work/acc.log"; exit 1; }
expected=$(tail -n 1 "$work/ck/metrics.csv" | cut -d, -f5)
/usr/bin/python3 -c "
import re, sys
got = float(re.search(r'top-1 ([0-9.]+)%', open('$work/acc.log').read()).group(1)) / 100
assert abs(got - $expected) < 1e-3, (got, $expected)
"

/usr/bin/python3 - "$work/agent.h5" <<'PY'
import sys, json, h5py
with h5py.File(sys.argv[1], "r") as f:
    a = f.attrs
    assert a["format"] == "dlgo-agent" and a["kind"] == "predict", dict(a)
    enc = f["encoder"].attrs
    assert enc["name"] == "sevenplane" and enc["board_width"] == 9 and enc["board_height"] == 9
    arch = json.loads(f["model"].attrs["architecture"])
    assert arch["network"] == "small" and arch["policy_outputs"] == 81, arch
    w = f["model/weights/trunk.0.weight"]
    assert w.shape == (48, 7, 7, 7) and w.dtype == "float32", (w.shape, w.dtype)
    total = sum(d.size for d in f["model/weights"].values())
    assert total == f["model"].attrs["parameters"], total
    metrics = f["training/metrics"]
    assert metrics.shape == (6, 11), metrics.shape
    assert [c.decode() if isinstance(c, bytes) else c for c in metrics.attrs["columns"]][0] == "epoch"
    assert f["training"].attrs["epochs"] == 6
print("h5py reads the agent file")
PY

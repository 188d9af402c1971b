#!/usr/bin/env bash
# dlgo-train --resume from the final agent file continues after its last epoch: a run resumed
# from epoch 2 with --epochs 2 trains nothing and its final agent records 2 epochs done, so
# resuming from that agent with --epochs 3 trains epoch 3 alone and metrics.csv holds 1, 2, 3.
set -euo pipefail
dlgo_train=$1 dlgo_data=$2 dlgo_selfplay=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$dlgo_selfplay" --board-size 9 --num-games 6 --seed 3 --sgf-out "$work/sgf" >/dev/null
"$dlgo_data" prepare --input "$work/sgf" --board-size 9 --games 4 --test-games 2 --out "$work/d" >/dev/null
args=(--train "$work/d.train.h5" --test "$work/d.test.h5" --network small --batch-size 64 --threads 1
      --seed 5 --checkpoint-dir "$work/ck")
train() { "$dlgo_train" "${args[@]}" "$@" >"$work/log" 2>&1 || { cat "$work/log"; fail "dlgo-train $*"; }; }
epochs_column() { tail -n +2 "$work/ck/metrics.csv" | cut -d, -f1 | tr '\n' ' '; }

# The training record of an agent file: epochs done, metrics rows, epochs in the RNG state
# (what --resume continues after), and an optimizer state.
record() {
  /usr/bin/python3 - "$1" <<'PY'
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    t = f["training"]
    assert t["optimizer_state"].shape[0] > 0, "no optimizer state"
    print(t.attrs["epochs"], [int(row[0]) for row in t["metrics"][:]],
          int.from_bytes(bytes(t["rng_state"][:4]), "little"))
PY
}

train --epochs 2 --out "$work/first.h5"
[ "$(epochs_column)" = "1 2 " ] || fail "the first run's metrics.csv holds epochs $(epochs_column)"
train --resume "$work/ck/epoch_002.h5" --epochs 2 --out "$work/OUT.h5"
[ "$(record "$work/OUT.h5")" = "2 [1, 2] 2" ] || fail "OUT records $(record "$work/OUT.h5"), expected 2 epochs"
train --resume "$work/OUT.h5" --epochs 3 --out "$work/OUT.h5"
[ "$(epochs_column)" = "1 2 3 " ] || fail "metrics.csv holds epochs $(epochs_column), expected 1 2 3"
[ "$(record "$work/OUT.h5")" = "3 [1, 2, 3] 3" ] || fail "OUT records $(record "$work/OUT.h5"), expected 3 epochs"

# Without --optimizer a resumed run goes on with the checkpoint's optimizer, not the default
# (adam): a file trained with sgd resumes, and an explicit other optimizer is refused.
optimizer_of() {
  /usr/bin/python3 -c 'import sys, h5py; v = h5py.File(sys.argv[1], "r")["training"].attrs["optimizer"]; print(v.decode() if isinstance(v, bytes) else v)' "$1"
}
args=(--train "$work/d.train.h5" --test "$work/d.test.h5" --network small --batch-size 64 --threads 1
      --seed 5 --checkpoint-dir "$work/ck_sgd")
train --epochs 1 --optimizer sgd --out "$work/sgd.h5"
train --epochs 2 --resume "$work/sgd.h5" --out "$work/sgd.h5"
[ "$(optimizer_of "$work/sgd.h5")" = sgd ] || fail "the resumed run trained with $(optimizer_of "$work/sgd.h5")"
if "$dlgo_train" "${args[@]}" --epochs 3 --resume "$work/sgd.h5" --optimizer adam --out "$work/x.h5" \
  >"$work/log" 2>&1; then
  fail "resuming an sgd file with --optimizer adam was accepted"
fi
grep -q "trained with --optimizer sgd, not adam" "$work/log" || { cat "$work/log"; fail "no clear refusal"; }
train --epochs 1 --out "$work/default.h5"
[ "$(optimizer_of "$work/default.h5")" = adam ] || fail "the default optimizer is $(optimizer_of "$work/default.h5")"
echo "resumed from the final agent at epoch 3; a resumed run keeps its optimizer; the default is adam"

#!/usr/bin/env bash
# The programs refuse broken agent, dataset and experience files with one line on stderr that
# names the file and the problem (exit 1): no HDF5 function names, no libtorch backtrace, no
# hang on a FIFO, no NaN weights or misshapen weights loaded, no training on past a NaN loss.
set -euo pipefail
dlgo_train=$1 dlgo_init=$2 dlgo_data=$3 dlgo_selfplay=$4 dlgo_gtp=$5 dlgo_eval=$6 dlgo_serve=${7:-}
python=/usr/bin/python3
"$python" -c 'import h5py, numpy' || { echo "needs Debian's python3-h5py"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# refused FILE PATTERN COMMAND...: COMMAND exits 1 within a minute, its stderr is one line
# that names FILE and matches PATTERN, with no HDF5 call (H5Fopen...) or C++ backtrace in it.
# dlgo-train's progress lines ("epoch 2/3 train: 320/410 samples ...", printed on stderr every
# 200 ms of an epoch when it is no terminal) are left out.
refused() {
  local file=$1 pattern=$2
  shift 2
  local status=0
  timeout 60 "$@" </dev/null >"$work/out" 2>"$work/stderr" || status=$?
  grep -vE '^epoch [0-9]+/[0-9]+ (train|test) ?: [0-9]+/[0-9]+ samples' "$work/stderr" >"$work/err" || true
  [ "$status" != 124 ] || fail "$(basename "$1") hung on $file"
  [ "$status" = 1 ] || { cat "$work/err"; fail "$(basename "$1") on $file: exit $status, expected 1"; }
  [ "$(wc -l <"$work/err")" = 1 ] || { cat "$work/err"; fail "$(basename "$1") on $file: not one line"; }
  grep -qF -- "$file" "$work/err" || { cat "$work/err"; fail "the message does not name $file"; }
  grep -qE -- "$pattern" "$work/err" || { cat "$work/err"; fail "the message does not say '$pattern'"; }
  if grep -qE 'H5[A-Z][a-z]|Exception raised|frame #' "$work/err"; then
    cat "$work/err"; fail "a library's words reached the user"
  fi
  echo "ok: $(basename "$1"): $(cut -c1-150 "$work/err")"
}

"$dlgo_selfplay" --board-size 9 --num-games 6 --seed 3 --sgf-out "$work/sgf" >/dev/null
"$dlgo_data" prepare --input "$work/sgf" --board-size 9 --games 4 --test-games 2 --out "$work/d" >/dev/null
train=("$dlgo_train" --test "$work/d.test.h5" --network small --batch-size 64 --threads 1 --device cpu)
"${train[@]}" --train "$work/d.train.h5" --epochs 1 --out "$work/agent.h5" >/dev/null 2>&1
"$dlgo_init" --kind pg --network small --encoder sevenplane --board-size 9 "$work/pg.h5" >/dev/null
"$dlgo_selfplay" --agent "$work/pg.h5" --num-games 2 --board-size 9 --seed 4 \
  --experience-out "$work/e.h5" >/dev/null

# Damaged copies, made with h5py.
head -c 3000 "$work/d.train.h5" >"$work/truncated.h5"
mkdir "$work/directory.h5"
mkfifo "$work/fifo.h5"
"$python" - "$work" <<'PY'
import os, shutil, sys, h5py, numpy as np
work = sys.argv[1]
def copy(source, name):
    shutil.copy(os.path.join(work, source), os.path.join(work, name))
    return h5py.File(os.path.join(work, name), "r+")
with copy("d.train.h5", "no-label-space.h5") as f:
    del f.attrs["label_space"]
with copy("d.train.h5", "label-30000.h5") as f:
    f["labels"][5] = 30000
with copy("d.train.h5", "damaged-chunk.h5") as f:
    chunk = f["features"].id.get_chunk_info(0)
with open(os.path.join(work, "damaged-chunk.h5"), "r+b") as f:
    f.seek(chunk.byte_offset + chunk.size // 2)
    f.write(b"garbage!" * 4)
with copy("agent_checkpoints/epoch_001.h5", "garbage-optimizer.h5") as f:
    del f["training/optimizer_state"]
    f["training/optimizer_state"] = np.frombuffer(np.random.default_rng(1).bytes(2000), np.uint8)
name = "model/weights/trunk.0.weight"
with copy("pg.h5", "nan.h5") as f:
    w = f[name][...]
    w.flat[0] = np.nan
    f[name][...] = w
with copy("pg.h5", "flat.h5") as f:
    w = f[name][...]
    del f[name]
    f[name] = w.reshape(-1)
with copy("pg.h5", "int8.h5") as f:
    w = f[name][...]
    del f[name]
    f[name] = (w * 100).astype(np.int8)
PY

# Defect: raw library errors.
refused "$work/truncated.h5" "truncated" "${train[@]}" --train "$work/truncated.h5" --epochs 1 --out "$work/x.h5"
refused "$work/no-label-space.h5" "attribute 'label_space' of / is missing" \
  "${train[@]}" --train "$work/no-label-space.h5" --epochs 1 --out "$work/x.h5"
refused "$work/directory.h5" "is a directory" "${train[@]}" --train "$work/directory.h5" --epochs 1 --out "$work/x.h5"
refused "$work/garbage-optimizer.h5" "optimizer state .* is damaged" \
  "${train[@]}" --train "$work/d.train.h5" --epochs 2 --resume "$work/garbage-optimizer.h5" --out "$work/x.h5"
refused "$work/label-30000.h5" "row 5 has label 30000, outside the label space 0..80" \
  "${train[@]}" --train "$work/label-30000.h5" --epochs 1 --out "$work/x.h5"
refused "$work/damaged-chunk.h5" "/features cannot be read, the file is damaged" \
  "${train[@]}" --train "$work/damaged-chunk.h5" --epochs 1 --out "$work/x.h5"
refused "$work/truncated.h5" "truncated" "$dlgo_eval" accuracy --agent "$work/agent.h5" --data "$work/truncated.h5"

# Defect: a FIFO hangs the programs that read agent, dataset and experience files.
refused "$work/fifo.h5" "not a regular file" "$dlgo_gtp" --board-size 9 --agent "$work/fifo.h5"
refused "$work/fifo.h5" "not a regular file" "$dlgo_eval" accuracy --agent "$work/fifo.h5" --data "$work/d.test.h5"
refused "$work/fifo.h5" "not a regular file" "$dlgo_eval" accuracy --agent "$work/agent.h5" --data "$work/fifo.h5"
refused "$work/fifo.h5" "not a regular file" "${train[@]}" --train "$work/fifo.h5" --epochs 1 --out "$work/x.h5"
refused "$work/fifo.h5" "not a regular file" \
  "${train[@]}" --train "$work/d.train.h5" --epochs 2 --resume "$work/fifo.h5" --out "$work/x.h5"
refused "$work/fifo.h5" "not a regular file" \
  "$dlgo_train" --experience "$work/fifo.h5" --agent "$work/pg.h5" --out "$work/x.h5"
refused "$work/fifo.h5" "not a regular file" \
  "$dlgo_train" --experience "$work/e.h5" --agent "$work/fifo.h5" --out "$work/x.h5"
if [ -n "$dlgo_serve" ]; then
  refused "$work/fifo.h5" "not a regular file" "$dlgo_serve" --port 0 --pg-agent "$work/fifo.h5"
fi

# Defects: NaN weights and weights of the wrong shape or type are refused on load.
refused "$work/nan.h5" "trunk.0.weight holds 1 NaN or infinite values" "$dlgo_gtp" --board-size 9 --agent "$work/nan.h5"
refused "$work/flat.h5" "trunk.0.weight has shape [0-9]+ .* expects 48x7x7x7" "$dlgo_gtp" --board-size 9 --agent "$work/flat.h5"
refused "$work/int8.h5" "trunk.0.weight is stored as 8-bit integers" "$dlgo_gtp" --board-size 9 --agent "$work/int8.h5"
if [ -n "$dlgo_serve" ]; then
  refused "$work/nan.h5" "NaN" "$dlgo_serve" --port 0 --pg-agent "$work/nan.h5"
fi

# Defect: a run whose loss turns NaN stops, keeping the last good checkpoint.
cp -r "$work/agent_checkpoints" "$work/ck"
refused "$work/ck/epoch_001.h5" "training diverged: .* epoch 2 .*/epoch_001.h5 is kept" \
  "${train[@]}" --train "$work/d.train.h5" --epochs 3 --lr 1e30 --checkpoint-dir "$work/ck" \
  --resume "$work/ck/epoch_001.h5" --out "$work/diverged.h5"
[ ! -e "$work/ck/epoch_002.h5" ] && [ ! -e "$work/diverged.h5" ] || fail "a diverged epoch was saved"
"$dlgo_eval" accuracy --agent "$work/ck/epoch_001.h5" --data "$work/d.test.h5" --device cpu >/dev/null 2>&1 ||
  fail "the last good checkpoint does not load"
echo "every broken file was refused in one line"

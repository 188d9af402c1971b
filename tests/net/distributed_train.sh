#!/usr/bin/env bash
# Data-parallel dlgo-train over Gloo on loopback, end to end with real processes:
#  1. 2 ranks and 1 process with the same global batch and seed end with the same weights
#     (a network without batch norm, one global batch per epoch: the same rows every step);
#  2. a distributed run resumed from its checkpoint ends as one that ran straight through, and
#     a distributed checkpoint resumes on one process;
#  3. a killed rank: the other exits within bounded time naming it, and the run resumes;
#  4. --nproc-per-node reports a killed rank and stops the others;
#  5. mismatched flags, a missing rank and a bad RANK are clear errors;
#  6. experience training (--experience) on 2 ranks ends as on 1 process.
set -euo pipefail
dlgo_train=$1 dlgo_data=$2 dlgo_selfplay=$3 dlgo_init=$4
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

"$dlgo_selfplay" --board-size 9 --num-games 24 --seed 3 --sgf-out "$work/sgf" >/dev/null
"$dlgo_data" prepare --input "$work/sgf" --board-size 9 --games 20 --test-games 4 \
  --out "$work/d" >/dev/null 2>&1
# Exactly one global batch of 128 rows: two blocks of 64, one per rank.
/usr/bin/python3 - "$work/d.train.h5" "$work/one_batch.h5" <<'PY'
import shutil, sys, h5py
shutil.copy(sys.argv[1], sys.argv[2])
with h5py.File(sys.argv[2], "r+") as f:
    for name in ("features", "labels", "outcomes", "game"):
        f[name].resize(128, axis=0)
    f.attrs["rows"] = 128
PY

compare() {  # compare A B: max weight difference, and how far A moved from its first epoch
  /usr/bin/python3 - "$@" <<'PY'
import sys, h5py, numpy as np
a, b, start = (h5py.File(p, "r") for p in sys.argv[1:4])
diff = max(np.abs(a["model/weights"][k][()] - b["model/weights"][k][()]).max() for k in a["model/weights"])
moved = max(np.abs(a["model/weights"][k][()] - start["model/weights"][k][()]).max() for k in a["model/weights"])
print(f"max weight difference {diff:.3g}, moved {moved:.3g} since the start")
assert moved > 1e-3, "the weights hardly moved: the comparison would prove nothing"
assert diff < moved / 1000, "the runs ended with different weights"
PY
}

# 1. Same weights, 1 process and 2 ranks.
common=(--train "$work/one_batch.h5" --network small --optimizer sgd --lr 0.05 --batch-size 128
        --threads 1 --seed 7)
"$dlgo_train" "${common[@]}" --epochs 4 --out "$work/one.h5" --checkpoint-dir "$work/one_ck" \
  >"$work/one.log" 2>&1 || { cat "$work/one.log"; fail "one-process run"; }
"$dlgo_train" "${common[@]}" --epochs 4 --out "$work/two.h5" --checkpoint-dir "$work/two_ck" \
  --nproc-per-node 2 >"$work/two.log" 2>&1 || { cat "$work/two.log"; fail "two-rank run"; }
grep -q "data-parallel: 2 ranks over gloo" "$work/two.log" || fail "no data-parallel summary"
compare "$work/two.h5" "$work/one.h5" "$work/one_ck/epoch_001.h5"
# The same with the allreduces after the backward pass instead of overlapped with it.
"$dlgo_train" "${common[@]}" --epochs 4 --out "$work/after.h5" --checkpoint-dir "$work/after_ck" \
  --nproc-per-node 2 --allreduce after-backward >"$work/after.log" 2>&1 ||
  { cat "$work/after.log"; fail "after-backward run"; }
compare "$work/after.h5" "$work/one.h5" "$work/one_ck/epoch_001.h5"

# 2. Resume: 2 epochs, then resumed to 4 on 2 ranks, ends where the straight run ended; the
# distributed checkpoint then goes on on one process.
"$dlgo_train" "${common[@]}" --epochs 2 --out "$work/half.h5" --checkpoint-dir "$work/res_ck" \
  --nproc-per-node 2 >"$work/half.log" 2>&1 || { cat "$work/half.log"; fail "first half"; }
"$dlgo_train" "${common[@]}" --epochs 4 --out "$work/resumed.h5" --checkpoint-dir "$work/res_ck" \
  --nproc-per-node 2 --resume "$work/res_ck/epoch_002.h5" >"$work/resumed.log" 2>&1 ||
  { cat "$work/resumed.log"; fail "resumed run"; }
compare "$work/resumed.h5" "$work/two.h5" "$work/one_ck/epoch_001.h5"
rows=$(($(wc -l <"$work/res_ck/metrics.csv") - 1))
[ "$rows" = 4 ] || fail "metrics.csv of the resumed run has $rows epochs, expected 4"
"$dlgo_train" "${common[@]}" --epochs 5 --out "$work/single.h5" --checkpoint-dir "$work/res_ck" \
  --resume "$work/resumed.h5" >"$work/single.log" 2>&1 || { cat "$work/single.log"; fail "resume on one process"; }

# 3. A killed rank (ranks started by hand, as torchrun or SLURM would): the survivor exits
# within bounded time naming rank 1; the run then resumes from its last checkpoint.
port=$(free_port)
base=(--train "$work/d.train.h5" --network small --batch-size 32 --threads 1 --epochs 6)
long=("${base[@]}" --out "$work/long.h5" --checkpoint-dir "$work/long_ck")
for rank in 0 1; do
  MASTER_ADDR=127.0.0.1 MASTER_PORT=$port WORLD_SIZE=2 RANK=$rank \
    "$dlgo_train" "${long[@]}" >"$work/rank$rank.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 1 600); do
  [ -f "$work/long_ck/epoch_002.h5" ] && break
  kill -0 "${pids[0]}" 2>/dev/null || { cat "$work/rank0.log"; fail "rank 0 ended early"; }
  sleep 0.1
done
[ -f "$work/long_ck/epoch_002.h5" ] || fail "no checkpoint after 60 s"
kill -9 "${pids[1]}"
killed_at=$(date +%s)
status=0
wait "${pids[0]}" || status=$?
took=$(($(date +%s) - killed_at))
[ "$status" = 1 ] || { cat "$work/rank0.log"; fail "rank 0 exited with $status after rank 1 was killed"; }
[ "$took" -le 30 ] || fail "rank 0 took $took s to notice"
grep -q "error: rank 0 of 2: rank 1 stopped answering" "$work/rank0.log" ||
  { cat "$work/rank0.log"; fail "rank 0's error does not name rank 1"; }
echo "rank 0 stopped $took s after rank 1 was killed"
latest=$(ls "$work"/long_ck/epoch_*.h5 | sort | tail -n 1)
"$dlgo_train" "${long[@]}" --resume "$latest" --nproc-per-node 2 >"$work/long_resume.log" 2>&1 ||
  { cat "$work/long_resume.log"; fail "resume after the killed rank"; }
[ -f "$work/long.h5" ] || fail "the resumed run wrote no final agent"
rows=$(($(wc -l <"$work/long_ck/metrics.csv") - 1))
[ "$rows" = 6 ] || fail "metrics.csv after the resume has $rows epochs, expected 6"

# 4. --nproc-per-node: a rank killed under it stops the others, and the launcher says which.
"$dlgo_train" "${base[@]}" --out "$work/l2.h5" --checkpoint-dir "$work/l2_ck" --nproc-per-node 2 \
  >"$work/launcher.log" 2>&1 &
launcher=$!
pids+=($launcher)
for _ in $(seq 1 600); do
  [ -f "$work/l2_ck/epoch_001.h5" ] && break
  kill -0 "$launcher" 2>/dev/null || { cat "$work/launcher.log"; fail "the launched run ended early"; }
  sleep 0.1
done
child=$(pgrep -P "$launcher" | tail -n 1 || true)
[ -n "$child" ] || fail "the launcher has no ranks"
kill -9 "$child"
status=0
wait "$launcher" || status=$?
[ "$status" = 1 ] || fail "the launcher exited with $status"
grep -q "rank 1 of 2 was killed by signal 9" "$work/launcher.log" ||
  { cat "$work/launcher.log"; fail "the launcher does not name the killed rank"; }
[ -z "$(pgrep -P "$launcher" || true)" ] || fail "ranks left running"

# 5. Start-up errors.
port=$(free_port)
short=(--train "$work/d.train.h5" --network small --batch-size 32 --threads 1 --epochs 1
       --out "$work/bad.h5" --dist-timeout 5)
MASTER_ADDR=127.0.0.1 MASTER_PORT=$port WORLD_SIZE=2 RANK=0 "$dlgo_train" "${short[@]}" --seed 3 \
  >"$work/seed0.log" 2>&1 &
pids+=($!)
status=0
MASTER_ADDR=127.0.0.1 MASTER_PORT=$port WORLD_SIZE=2 RANK=1 "$dlgo_train" "${short[@]}" \
  >"$work/seed1.log" 2>&1 || status=$?
[ "$status" = 1 ] && grep -q "rank 1's settings (seed 1) differ from rank 0's (seed 3)" "$work/seed1.log" ||
  { cat "$work/seed1.log"; fail "mismatched flags"; }
port=$(free_port)
status=0
MASTER_ADDR=127.0.0.1 MASTER_PORT=$port WORLD_SIZE=2 RANK=0 timeout 60 "$dlgo_train" "${short[@]}" \
  >"$work/alone.log" 2>&1 || status=$?
[ "$status" = 1 ] && grep -q "rank 1 never joined" "$work/alone.log" ||
  { cat "$work/alone.log"; fail "a rank that never starts"; }
status=0
MASTER_ADDR=127.0.0.1 MASTER_PORT=$port WORLD_SIZE=2 RANK=2 "$dlgo_train" "${short[@]}" \
  >"$work/rank2.log" 2>&1 || status=$?
[ "$status" = 2 ] && grep -q "RANK=2 is not below WORLD_SIZE=2" "$work/rank2.log" ||
  { cat "$work/rank2.log"; fail "RANK out of range"; }
status=0
"$dlgo_train" --train "$work/d.train.h5" --network small --batch-size 33 --epochs 1 \
  --out "$work/odd.h5" --nproc-per-node 2 >"$work/odd.log" 2>&1 || status=$?
[ "$status" = 1 ] && grep -q "does not split evenly over 2 ranks" "$work/odd.log" ||
  { cat "$work/odd.log"; fail "a global batch that does not split"; }

# 6. Experience training: global batches of 201 decisions, split 100/101 over 2 ranks (and a
# last, smaller one split unevenly too), give the single process's updates. (A large learning
# rate would make the runs part by more than rounding: pg's clamped log-probabilities turn
# float noise into different gradients.)
"$dlgo_init" --kind pg --board-size 9 --out "$work/pg.h5" >/dev/null
"$dlgo_selfplay" --agent "$work/pg.h5" --num-games 10 --seed 4 --experience-out "$work/exp.h5" \
  >/dev/null 2>&1
rl=(--experience "$work/exp.h5" --agent "$work/pg.h5" --method pg --batch-size 201 --epochs 2
    --threads 1)
"$dlgo_train" "${rl[@]}" --out "$work/rl1.h5" >"$work/rl1.log" 2>&1 ||
  { cat "$work/rl1.log"; fail "experience training on one process"; }
"$dlgo_train" "${rl[@]}" --out "$work/rl2.h5" --nproc-per-node 2 >"$work/rl2.log" 2>&1 ||
  { cat "$work/rl2.log"; fail "experience training on 2 ranks"; }
compare "$work/rl2.h5" "$work/rl1.h5" "$work/pg.h5"
# A last batch of one decision leaves rank 0 nothing to train on: it runs no backward, so its
# gradient buckets start in another order of hooks than rank 1's unless the order is enforced;
# pg on an actor-critic network also leaves the value head without gradients.
"$dlgo_init" --kind ac --board-size 9 --out "$work/ac.h5" >/dev/null
rows=$(/usr/bin/python3 -c 'import sys, h5py; print(len(h5py.File(sys.argv[1])["experience/actions"]))' "$work/exp.h5")
rl=(--experience "$work/exp.h5" --agent "$work/ac.h5" --method pg --batch-size $((rows - 1))
    --epochs 3 --threads 1)
"$dlgo_train" "${rl[@]}" --out "$work/ac1.h5" >"$work/ac1.log" 2>&1 ||
  { cat "$work/ac1.log"; fail "pg on an ac network on one process"; }
"$dlgo_train" "${rl[@]}" --out "$work/ac2.h5" --nproc-per-node 2 >"$work/ac2.log" 2>&1 ||
  { cat "$work/ac2.log"; fail "pg on an ac network on 2 ranks"; }
compare "$work/ac2.h5" "$work/ac1.h5" "$work/ac.h5"

# 7. Under torchrun's static rendezvous the agent serves the store and sets
# TORCHELASTIC_USE_AGENT_STORE=True: every rank connects as a client. A Python TCPStore stands in
# for the agent (Debian 12's torchrun 1.13 fails in its own argument handling under Python 3.11),
# and serves two attempts in turn, as torchrun does after a restart: the second must not trip
# over the first one's keys.
port=$(free_port)
/usr/bin/python3 -c '
import sys, time, datetime
import torch.distributed as dist
store = dist.TCPStore("127.0.0.1", int(sys.argv[1]), 3, True, datetime.timedelta(seconds=120),
                      wait_for_workers=False)
time.sleep(240)' "$port" &
store_pid=$!
pids+=($store_pid)
agent_run=(--train "$work/d.train.h5" --network small --batch-size 32 --threads 1 --epochs 1
           --dist-timeout 60)
for attempt in 0 1; do
  ranks=()
  for rank in 0 1; do
    MASTER_ADDR=127.0.0.1 MASTER_PORT=$port WORLD_SIZE=2 RANK=$rank LOCAL_RANK=$rank \
      TORCHELASTIC_USE_AGENT_STORE=True TORCHELASTIC_RESTART_COUNT=$attempt \
      "$dlgo_train" "${agent_run[@]}" --out "$work/agent_store$attempt.h5" \
      --checkpoint-dir "$work/agent_store${attempt}_ck" >"$work/agent$attempt.$rank.log" 2>&1 &
    ranks+=($!)
    pids+=($!)
  done
  for rank in 0 1; do
    wait "${ranks[$rank]}" || { cat "$work/agent$attempt.$rank.log"; fail "attempt $attempt, rank $rank, on the agent's store"; }
  done
  grep -q "data-parallel: 2 ranks over gloo" "$work/agent$attempt.0.log" || fail "attempt $attempt ran no data-parallel"
done
kill "$store_pid" 2>/dev/null || true
echo "all distributed checks passed"

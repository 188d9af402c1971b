#!/usr/bin/env bash
# Remote self-play end to end on 5x5 (see tests/rl/CMakeLists.txt): a dlgo-rl loop with
# --remote-self-play and dlgo-selfplay --worker processes on one work dir.
set -euo pipefail
dlgo_init=$1 dlgo_selfplay=$2 dlgo_rl=$3
python=/usr/bin/python3
"$python" -c 'import h5py, numpy' || { echo "needs Debian's python3-h5py"; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  for f in "$work"/*.txt; do echo "--- $f"; cat "$f"; done
  exit 1
}
# Waits up to 30 s for a command to succeed.
wait_for() {
  for _ in $(seq 300); do "$@" && return 0; sleep 0.1; done
  fail "timed out waiting for: $*"
}

"$dlgo_init" --kind pg --network resnet --blocks 1 --filters 8 --encoder simple --board-size 5 "$work/pg.h5" >/dev/null
loop=$work/loop
mkdir -p "$loop/shards"
# What a worker killed mid-write leaves: a temporary, here with garbage the loop must never read.
head -c 4096 /dev/urandom > "$loop/shards/g000000-killed-000001.h5.partial"
cp "$loop/shards/g000000-killed-000001.h5.partial" "$work/partial.copy"
# A file under a shard's name that is no experience file: set aside, the loop goes on.
echo "not hdf5" > "$loop/shards/g000000-junk-000001.h5"

# Promotion threshold 0: every candidate is promoted, so the agent changes every round.
rl_args=(--agent "$work/pg.h5" --work-dir "$loop" --board-size 5 --games-per-round 8 --eval-games 2
         --promote-threshold 0 --method pg --lr 0.01 --threads 1 --seed 9 --remote-self-play)
"$dlgo_rl" "${rl_args[@]}" --rounds 2 > "$work/rl.txt" 2>&1 &
rl=$!; pids+=("$rl")
wait_for test -s "$loop/selfplay.json"

# Worker alpha writes two shards and stops; beta starts once alpha's first shard is published
# (so round 1 holds alpha's), and plays on until the loop has finished.
"$dlgo_selfplay" --worker --work-dir "$loop" --worker-id alpha --games-per-shard 4 --max-shards 2 \
  > "$work/alpha.txt" 2>&1 &
alpha=$!; pids+=("$alpha")
wait_for grep -q "wrote g000000-alpha-000001.h5" "$work/alpha.txt"
"$dlgo_selfplay" --worker --work-dir "$loop" --worker-id beta --games-per-shard 4 --workers 2 \
  > "$work/beta.txt" 2>&1 &
beta=$!; pids+=("$beta")
# A third worker killed with SIGKILL at an arbitrary moment: nothing half-written may be read.
# (One shard of 2 games at most, so alpha's and gamma's together never fill round 2 without beta.)
"$dlgo_selfplay" --worker --work-dir "$loop" --worker-id gamma --games-per-shard 2 --max-shards 1 \
  > "$work/gamma.txt" 2>&1 &
gamma=$!
sleep 0.3
kill -9 "$gamma" 2>/dev/null || true
wait "$gamma" 2>/dev/null || true

wait "$rl" || fail "dlgo-rl failed"
wait "$alpha" || fail "worker alpha failed"
wait "$beta" || fail "worker beta did not exit 0 when the loop finished"
grep -q "the loop has finished" "$work/beta.txt" || fail "beta did not see the finished marker"
grep -q "playing generation 1 (candidates/round_001.h5)" "$work/beta.txt" ||
  fail "beta did not pick up the promoted agent"
grep -q "moved unusable shard to .*bad/g000000-junk-000001.h5" "$work/rl.txt" ||
  fail "the junk shard was not set aside"
cmp -s "$work/partial.copy" "$loop/shards/g000000-killed-000001.h5.partial" ||
  fail "the temporary was touched"

"$python" - "$loop" <<'PY'
import json, os, sys, h5py
loop = sys.argv[1]
state = json.load(open(os.path.join(loop, "state.json")))
assert [r["round"] for r in state["rounds"]] == [1, 2], state["rounds"]
assert all(r["promoted"] for r in state["rounds"]) and state["best_round"] == 2, state
notice = json.load(open(os.path.join(loop, "selfplay.json")))
assert notice["finished"] and notice["generation"] == 2, notice

def rows(path):
    return h5py.File(path, "r")["experience/actions"].shape[0]

def games(path):
    return len(set(h5py.File(path, "r")["experience/games"][:]))

workers = {}
for round_number, generation in [(1, 0), (2, 1)]:
    used = os.path.join(loop, "shards/used/round_%03d" % round_number)
    names = sorted(os.listdir(used))
    # Only shards of the agent that played the round; every one read whole into the round.
    assert names and all(n.startswith("g%06d-" % generation) for n in names), (round_number, names)
    workers[round_number] = {n.split("-")[1] for n in names}
    experience = os.path.join(loop, "experience/round_%03d.h5" % round_number)
    assert rows(experience) == sum(rows(os.path.join(used, n)) for n in names), round_number
    assert games(experience) == sum(games(os.path.join(used, n)) for n in names) >= 8
    assert state["rounds"][round_number - 1]["games"] == games(experience), state["rounds"]
assert "alpha" in workers[1], workers  # both workers' shards were trained on
assert "beta" in workers[2], workers
for name in os.listdir(os.path.join(loop, "shards/stale")):
    assert int(name[1:7]) < 2, name  # stale: older than the generation the loop then played
assert os.listdir(os.path.join(loop, "shards/bad")) == ["g000000-junk-000001.h5"]
print("remote rounds ok:", workers)
PY

# Resumed for a third round with a short temporary timeout: the killed writer's temporary is
# removed, a complete shard of an older agent is moved to stale/ unread, and a new worker
# completes the round.
first_used=$(ls "$loop/shards/used/round_001/" | head -1)
cp "$loop/shards/used/round_001/$first_used" "$loop/shards/g000001-planted-000001.h5"
"$dlgo_rl" "${rl_args[@]}" --rounds 3 --partial-timeout 1 > "$work/rl3.txt" 2>&1 &
rl=$!; pids+=("$rl")
wait_for grep -q "removed .*g000000-killed-000001.h5.partial" "$work/rl3.txt"
"$dlgo_selfplay" --worker --work-dir "$loop" --worker-id delta --games-per-shard 4 \
  > "$work/delta.txt" 2>&1 &
delta=$!; pids+=("$delta")
wait "$rl" || fail "resumed dlgo-rl failed"
wait "$delta" || fail "worker delta failed"
grep -q "resuming after round 2" "$work/rl3.txt" || fail "the loop did not resume"
grep -q "playing generation 2 (candidates/round_002.h5)" "$work/delta.txt" ||
  fail "delta did not play the current best"
ls "$loop/shards/used/round_003/" | grep -q "^g000002-delta-" || fail "round 3 did not use delta's shards"
[ ! -e "$loop/shards/g000000-killed-000001.h5.partial" ] || fail "the temporary was not removed"
[ -e "$loop/shards/stale/g000001-planted-000001.h5" ] || fail "an older agent's shard was not dropped"
grep -q "moved g000001-planted-000001.h5 to shards/stale/" "$work/rl3.txt" || fail "no stale line"
if ls "$loop/shards/" | grep -q "^g00000[01]-"; then fail "older shards left ready"; fi

# A worker stops cleanly on SIGTERM: with --keep-running it waits for the finished loop to go
# on, and exits 0 on the signal.
"$dlgo_selfplay" --worker --work-dir "$loop" --keep-running > "$work/epsilon.txt" 2>&1 &
epsilon=$!; pids+=("$epsilon")
wait_for grep -q "waiting for it to go on" "$work/epsilon.txt"
kill -TERM "$epsilon"
wait "$epsilon" || fail "the worker did not exit 0 on SIGTERM"
grep -q "stopped" "$work/epsilon.txt" || fail "the worker did not report its stop"

# Bad command lines exit 2; a notice that is not one exits 1 naming the file.
set +e
"$dlgo_selfplay" --worker 2> "$work/err.txt"
[ $? -eq 2 ] || fail "--worker without --work-dir should be a usage error"
"$dlgo_selfplay" --worker --work-dir "$loop" --agent "$work/pg.h5" 2> "$work/err.txt"
[ $? -eq 2 ] || fail "--worker with --agent should be a usage error"
"$dlgo_selfplay" --work-dir "$loop" 2> "$work/err.txt"
[ $? -eq 2 ] || fail "--work-dir without --worker should be a usage error"
mkdir -p "$work/broken" && echo '{"format": "dlgo-selfplay-agent"}' > "$work/broken/selfplay.json"
"$dlgo_selfplay" --worker --work-dir "$work/broken" 2> "$work/err.txt"
[ $? -eq 1 ] && grep -q "selfplay.json: not a self-play agent notice: .*generation" "$work/err.txt" ||
  fail "a broken notice was not reported"
set -e
echo "remote self-play ok"

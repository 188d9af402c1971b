#!/usr/bin/env bash
# The Debian package end to end: installed with `apt install ./dlgo_*.deb` into a clean Debian 12
# root (debootstrap), its dependencies resolve from Debian's archive alone, and the dlgo-serve
# that the packaged systemd unit starts (its ExecStart, run as the unit's user) serves a page and
# answers moves with the bundled agents.
#   tests/deploy/check_package.sh PACKAGE.deb
# Needs root (debootstrap, chroot) and network (Debian's mirror), so it is not part of ctest:
# run it by hand after tools/deploy/package. The clean root is cached in .cache/debian12/root
# and copied for each run, so every run installs into an untouched system.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DLGO_ROOT=$(cd "$here/../.." && pwd)
deb=$(realpath "${1:?usage: check_package.sh PACKAGE.deb}")
[ -f "$deb" ] || { echo "error: $deb: no such package" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "error: needs root (debootstrap, chroot)" >&2; exit 1; }
# shellcheck source=../../tools/lib/common.sh
source "$DLGO_ROOT/tools/lib/common.sh"
# shellcheck source=../../tools/lib/debian_root.sh
source "$DLGO_ROOT/tools/lib/debian_root.sh"
# shellcheck source=serve_support.sh
source "$here/serve_support.sh"

clean=$DLGO_ROOT/.cache/debian12/root
dlgo_debian_root bookworm "$clean"
root=$DLGO_ROOT/.cache/debian12/package-test
cleanup() {
  [ -n "${serve_pid:-}" ] && kill "$serve_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  dlgo_root_unmount "$root"
  # Never remove through a mount that is still there (it would reach the host's /dev or /sys).
  if awk -v r="$(realpath "$root")/" 'index($2, r) == 1 { found = 1 } END { exit !found }' /proc/self/mounts; then
    echo "warning: $root still has mounts; not removing it" >&2
  else
    rm -rf "$root"
  fi
}
trap cleanup EXIT
rm -rf "$root"
cp -a "$clean" "$root"
dlgo_root_mount "$root"
cp "$deb" "$root/tmp/"
fail() { echo "FAIL: $*"; exit 1; }

dlgo_log "apt install ./$(basename "$deb") in a clean Debian 12 root"
dlgo_root_run "$root" apt-get update -qq
dlgo_root_run "$root" apt-get install -y -qq "/tmp/$(basename "$deb")" >"$root.apt.log" 2>&1 ||
  { tail -n 30 "$root.apt.log"; fail "the package did not install"; }
dlgo_root_run "$root" dpkg-query -W -f='${Status} ${Version}\n' dlgo | grep -q '^install ok installed' ||
  fail "dpkg does not list dlgo as installed"
for file in /opt/dlgo/bin/dlgo-serve /opt/dlgo/bin/dlgo-train /opt/dlgo/bin/dlgo-gtp \
  /opt/dlgo/share/dlgo/web/play_predict_19.html /opt/dlgo/agents/predict_19.h5 \
  /opt/dlgo/agents/pg_99.h5 /lib/systemd/system/dlgo-serve.service; do
  [ -e "$root$file" ] || fail "$file is not installed"
done
dlgo_root_run "$root" getent passwd dlgo >/dev/null || fail "the postinst made no dlgo user"
for program in "$root"/opt/dlgo/bin/*; do
  dlgo_root_run "$root" "/opt/dlgo/bin/$(basename "$program")" --help >/dev/null ||
    fail "$(basename "$program") --help fails in the installed package"
done

# The unit's ExecStart, continuation lines joined, on a free port instead of 5000, run as the
# unit's User= in the installed system.
unit=$root/lib/systemd/system/dlgo-serve.service
exec_start=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$unit" | sed -n 's/^ExecStart=//p')
user=$(sed -n 's/^User=//p' "$unit")
ids=$(dlgo_root_run "$root" getent passwd "$user" | cut -d: -f3,4) || fail "no user $user"
port=$(free_port) || fail "no free port"
read -r -a command <<<"${exec_start/--port 5000/--port $port}"
dlgo_log "starting, as $user: ${command[*]}"
chroot --userspec="$ids" "$root" /usr/bin/env -i HOME=/opt/dlgo "${command[@]}" >"$root.serve.log" 2>&1 &
serve_pid=$!
wait_for_healthz "$port" || { cat "$root.serve.log"; fail "the packaged dlgo-serve did not start"; }
curl -sf "http://127.0.0.1:$port/static/play_predict_19.html" | grep -qi '<html' ||
  fail "GET /static/play_predict_19.html"
answer=$(curl -sf -X POST -H 'Content-Type: application/json' \
  -d '{"board_size": 19, "moves": ["D4", "Q16"]}' "http://127.0.0.1:$port/select-move/predict") ||
  fail "POST /select-move/predict"
/usr/bin/python3 -c '
import json, re, sys
answer = json.loads(sys.argv[1])
move = answer["bot_move"]
assert re.fullmatch(r"[A-HJ-T]\d{1,2}|pass|resign", move) and move not in ("D4", "Q16"), answer
print("move from the installed dlgo-serve:", move)
' "$answer"
answer=$(curl -sf -X POST -H 'Content-Type: application/json' \
  -d '{"board_size": 9, "moves": ["E5"]}' "http://127.0.0.1:$port/select-move/pg") || fail "POST /select-move/pg"
echo "pg: $answer" | head -c 200 && echo
dlgo_log "package ok: installed in a clean Debian 12, served a page and moves"

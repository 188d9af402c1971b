#!/usr/bin/env bash
# dlgo-data prepare says which files it could not use and why, with the counts, also when no
# game is left: the first 20 on the terminal, every one in the --report file.
set -euo pipefail
dlgo_data=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*"
  for f in "$work"/out* "$work"/err*; do [ -f "$f" ] && { echo "--- $f"; cat "$f"; }; done
  exit 1
}
prepare() { # prepare NAME ARGS...: exit code in $code, output in $work/outNAME, $work/errNAME
  local name=$1
  shift
  set +e
  "$dlgo_data" prepare "$@" >"$work/out$name" 2>"$work/err$name"
  code=$?
  set -e
}

# One truncated file alone: it is named with its reason, and the error gives the counts.
printf '(;GM[1]FF[4]SZ[19];B[pd];W[dp' >"$work/one_truncated.sgf"
prepare 1 --input "$work/one_truncated.sgf" --out "$work/a" --report "$work/report1.txt"
[ "$code" = 1 ] || fail "one truncated file: exit $code, expected 1"
grep -qF "warning: skipped malformed file: $work/one_truncated.sgf: byte 26: unterminated property value" \
  "$work/err1" || fail "the truncated file is not named"
grep -qF "prepare: error: the inputs hold no usable 19x19 games (1 SGF file read: 0 usable games, 0 filtered out, 0 with illegal moves, 1 malformed)" \
  "$work/err1" || fail "no counts in the error"
[ "$(grep -c 'one_truncated.sgf' "$work/report1.txt")" = 1 ] || fail "the report of a failed run"
[ ! -e "$work/a.train.h5" ] || fail "a failed run left a dataset"

# A 9x9 game where 19x19 is asked for: the reason is in the counts.
printf '(;GM[1]FF[4]SZ[9];B[ee];W[cc])' >"$work/small.sgf"
prepare 2 --input "$work/small.sgf" --out "$work/a" --report "$work/report2.txt"
[ "$code" = 1 ] || fail "one 9x9 file: exit $code, expected 1"
grep -qF "(1 SGF file read: 0 usable games, 1 filtered out (1 board size 9x9), 0 with illegal moves, 0 malformed)" \
  "$work/err2" || fail "no filter reason in the error"
grep -qxF "filtered out: $work/small.sgf#0: board size 9x9" "$work/report2.txt" || fail "report2"

# 25 truncated files beside 3 good games: 20 named, the rest counted; --report lists all 25.
mkdir "$work/games"
for i in $(seq -w 1 25); do printf '(;GM[1]SZ[19];B[pd' >"$work/games/bad_$i.sgf"; done
printf '(;GM[1]FF[4]SZ[19];B[pd];W[dp];B[pp];W[dd])' >"$work/games/good_a.sgf"
printf '(;GM[1]FF[4]SZ[19];B[qq];W[cc];B[cq];W[qc])' >"$work/games/good_b.sgf"
printf '(;GM[1]FF[4]SZ[19];B[qd];W[dc];B[pq];W[dp])' >"$work/games/good_c.sgf"
prepare 3 --input "$work/games" --out "$work/b"
[ "$code" = 0 ] || fail "25 bad + 3 good: exit $code, expected 0"
[ "$(grep -c '^warning: skipped malformed file: .*/bad_..\.sgf: byte ' "$work/err3")" = 20 ] ||
  fail "not exactly 20 files named"
grep -qxF "warning: 5 more unusable files and games are not named here; --report FILE lists them all" \
  "$work/err3" || fail "the unnamed ones are not counted"
grep -qxF "28 SGF files read: 3 usable games, 0 filtered out, 0 with illegal moves, 25 malformed" \
  "$work/out3" || fail "the counts"
prepare 4 --input "$work/games" --out "$work/c" --report "$work/report4.txt"
[ "$code" = 0 ] || fail "with --report: exit $code"
[ "$(grep -c '^skipped malformed file: .*/bad_..\.sgf: byte ' "$work/report4.txt")" = 25 ] ||
  fail "the report does not list all 25"
grep -qxF "warning: 5 more unusable files and games are listed in $work/report4.txt" "$work/err4" ||
  fail "no pointer to the report"

# A report that cannot be written is a clear error before any work.
prepare 5 --input "$work/games" --out "$work/d" --report "$work/no/such/dir/report.txt"
[ "$code" = 1 ] || fail "unwritable report: exit $code, expected 1"
grep -qF "prepare: error: --report $work/no/such/dir/report.txt: cannot write: No such file or directory" \
  "$work/err5" || fail "unwritable report message"
echo "dlgo-data prepare names its skipped files"

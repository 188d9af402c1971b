#!/usr/bin/env bash
# tools/check-format on a small tree of its own: passes on formatted sources, names a file that
# differs from .clang-format and fails, and --fix makes the tree pass.
#   check_format_test.sh SOURCE_DIR
# Exits 77 (reported as skipped by ctest) where clang-format-14 is not installed.
set -euo pipefail
source_dir=$1
command -v clang-format-14 >/dev/null || { echo "clang-format-14 not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$work/tools" "$work/engine"
cp "$source_dir/tools/check-format" "$work/tools/"
cp "$source_dir/.clang-format" "$work/"
printf 'int add(int a, int b) {\n  return a + b;\n}\n' >"$work/engine/formatted.cpp"
git -C "$work" init -q
git -C "$work" add .

"$work/tools/check-format" >"$work/out" 2>&1 || fail "a formatted tree was refused: $(cat "$work/out")"
grep -q "1 C++ files match" "$work/out" || fail "the check did not count the file: $(cat "$work/out")"

printf 'int   sub(int a,int b){return a-b;}\n' >"$work/engine/unformatted.h"
git -C "$work" add engine/unformatted.h
if "$work/tools/check-format" >"$work/out" 2>&1; then fail "an unformatted file was accepted"; fi
grep -q "engine/unformatted.h" "$work/out" || fail "the unformatted file is not named: $(cat "$work/out")"
grep -q "engine/formatted.cpp" "$work/out" && fail "the formatted file is named: $(cat "$work/out")"

"$work/tools/check-format" --fix
"$work/tools/check-format" >"$work/out" 2>&1 || fail "--fix did not make the tree pass: $(cat "$work/out")"
grep -q "int sub(int a, int b) {" "$work/engine/unformatted.h" || fail "--fix did not reformat the file"
echo "check-format: passes, refuses and fixes as it should"

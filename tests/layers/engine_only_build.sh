#!/usr/bin/env bash
# An engine-only build (-DDLGO_BUILD_NET=OFF -DDLGO_BUILD_SERVER=OFF) needs neither Boost nor
# OpenSSL: with both hidden from CMake it configures, leaves download/ out, no target links
# them, its dlgo-gtp loads neither and its dlgo-data calls no OpenSSL function and holds no Boost
# code. Asking for download/ there fails at configure time, naming what is missing.
# (Debian's HDF5 itself links libcurl and libcrypto, so dlgo-data, through libhdf5, loads them:
# HDF5's dependency, not ours; dlgo-gtp has no HDF5.)
#   engine_only_build.sh SOURCE_DIR SCRATCH_DIR
# SCRATCH_DIR is a build folder of its own (kept between runs, so ccache and Ninja make reruns
# cheap); the engine sources compile with the flags of a Release build, so they hit the cache.
set -euo pipefail
source_dir=$1 scratch=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
mkdir -p "$scratch"

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
engine_only=(-DCMAKE_BUILD_TYPE=Release -DDLGO_BUILD_TESTS=OFF -DDLGO_BUILD_NET=OFF
             -DDLGO_BUILD_SERVER=OFF -DCMAKE_DISABLE_FIND_PACKAGE_Boost=ON
             -DCMAKE_DISABLE_FIND_PACKAGE_OpenSSL=ON)

# Asked for, download/ cannot be built without Boost and OpenSSL: configuring says so.
rm -rf "$scratch/download-on"
if cmake -S "$source_dir" -B "$scratch/download-on" "${generator[@]}" "${engine_only[@]}" \
     -DDLGO_BUILD_DOWNLOAD=ON >"$scratch/download-on.log" 2>&1; then
  fail "configuring with -DDLGO_BUILD_DOWNLOAD=ON succeeded with Boost and OpenSSL hidden"
fi
grep -q 'Boost' "$scratch/download-on.log" || {
  cat "$scratch/download-on.log" >&2
  fail "the failed configure does not name Boost"
}
echo "download/ asked for without Boost: configure fails naming Boost: ok"

# Left to AUTO, the engine-only build configures without them and leaves download/ out.
cmake -S "$source_dir" -B "$scratch/engine" "${generator[@]}" "${engine_only[@]}" \
  -DDLGO_BUILD_DOWNLOAD=AUTO --graphviz="$scratch/engine-graph/targets.dot" \
  >"$scratch/engine.log" 2>&1 || { cat "$scratch/engine.log" >&2; fail "engine-only configure"; }
grep -q 'download/ OFF' "$scratch/engine.log" || fail "download/ not reported OFF"
if grep -rhiE 'boost|openssl|libssl' "$scratch/engine-graph"; then
  fail "a target of the engine-only build depends on Boost or OpenSSL (graph above)"
fi
echo "engine-only configure without Boost and OpenSSL, no target depends on them: ok"

# The rules programs and the one that offers `download` when it can, built here.
cmake --build "$scratch/engine" --target dlgo-gtp dlgo-data >"$scratch/engine-build.log" 2>&1 \
  || { tail -40 "$scratch/engine-build.log" >&2; fail "building dlgo-gtp and dlgo-data"; }
gtp="$scratch/engine/bin/dlgo-gtp" data="$scratch/engine/bin/dlgo-data"
if ldd "$gtp" | grep -E 'libssl|libcrypto|libboost'; then
  fail "engine-only dlgo-gtp loads the libraries above"
fi
for program in "$gtp" "$data"; do
  # OpenSSL's API: SSL_*, TLS_*, EVP_*, X509_*, ERR_*, OPENSSL_* functions.
  if nm -D --undefined-only "$program" | grep -E ' (SSL|TLS|EVP|X509|ERR|OPENSSL)_'; then
    fail "engine-only $(basename "$program") calls the OpenSSL functions above"
  fi
  if nm -C "$program" | grep -q 'boost::'; then
    fail "engine-only $(basename "$program") holds Boost code"
  fi
done
"$data" --help >"$scratch/data-help.txt"
grep -qE '^  prepare ' "$scratch/data-help.txt" || fail "dlgo-data --help lists no prepare"
grep -q 'built without download/' "$scratch/data-help.txt" || fail "dlgo-data --help hides it"
if grep -E '^  download ' "$scratch/data-help.txt"; then fail "dlgo-data offers download"; fi
status=0
"$data" download --dest "$scratch/kgs" >/dev/null 2>&1 || status=$?
[ "$status" = 2 ] || fail "dlgo-data download exits $status, not 2 (an unknown subcommand)"
echo "engine-only dlgo-gtp and dlgo-data: no OpenSSL call, no Boost code; no download: ok"

# Shared by tools/test and tools/quickstart: install what is missing, configure, build.
# Sourced, not run. Expects DLGO_ROOT to be set to the repository root.

# download/ (dlgo-data download) needs Boost >= 1.81; Debian 12's default (libboost-dev) is 1.74, so there take
# libboost1.81-dev. Newer releases' default is new enough (Debian 13: 1.83).
dlgo_boost_package() {
  if grep -qs '^VERSION_CODENAME=bookworm$' /etc/os-release; then
    echo libboost1.81-dev
  else
    echo libboost-dev
  fi
}

# The formatter the tree is formatted with (tools/check-format): clang-format 14, Debian 12's.
# Other releases' clang-format lays some code out differently; there the check says it did not run.
dlgo_format_package() {
  if grep -qs '^VERSION_CODENAME=bookworm$' /etc/os-release; then echo clang-format-14; fi
}

# oneDNN 2.x, whose Winograd convolutions train a resnet's tower faster on AVX-512 CPUs
# (net/torch/blocked_layout.h): Debian 12's libdnnl-dev. oneDNN 3 dropped them, so elsewhere
# the build goes without.
dlgo_dnnl_package() {
  if grep -qs '^VERSION_CODENAME=bookworm$' /etc/os-release; then echo libdnnl-dev; fi
}

# Debian/Ubuntu packages the build and the tests need. Keep this the single list.
DLGO_PACKAGES=(
  g++ cmake ninja-build ccache pkg-config
  catch2 libcli11-dev
  gnugo
  libhdf5-dev hdf5-tools libarchive-dev python3-h5py
  "$(dlgo_boost_package)" libssl-dev openssl nlohmann-json3-dev
  libtorch-dev libgloo-dev libopenblas0-pthread python3-torch $(dlgo_dnnl_package)
  chromium wrk nginx-light curl
  $(dlgo_format_package)
)
# Node.js may come from elsewhere (e.g. NodeSource); install Debian's only when node is absent.
command -v node >/dev/null 2>&1 || DLGO_PACKAGES+=(nodejs npm)

dlgo_log() { printf '==> %s\n' "$*"; }

# ccache keys on paths relative to the clone, so every clone on a machine shares the cache
# (libtorch-heavy files take minutes each to compile on a small machine).
export CCACHE_BASEDIR="$DLGO_ROOT"
export CCACHE_NOHASHDIR=1

dlgo_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "error: need root (or sudo) to run: $*" >&2
    return 1
  fi
}

# Installs the packages that are not installed yet; silent when everything is there.
dlgo_ensure_packages() {
  local missing=()
  local pkg
  for pkg in "${DLGO_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    echo "error: missing packages (${missing[*]}) and no apt-get to install them" >&2
    return 1
  fi
  dlgo_log "installing ${missing[*]}"
  dlgo_as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive dlgo_as_root apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# dlgo_configure BUILD_DIR [cmake args...]
dlgo_configure() {
  local build_dir=$1
  shift
  local generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    dlgo_log "configuring $build_dir"
    cmake -S "$DLGO_ROOT" -B "$build_dir" "${generator[@]}" "$@" >"$build_dir.configure.log" 2>&1 \
      || { cat "$build_dir.configure.log" >&2; return 1; }
  else
    cmake -S "$DLGO_ROOT" -B "$build_dir" "$@" >"$build_dir.configure.log" 2>&1 \
      || { cat "$build_dir.configure.log" >&2; return 1; }
  fi
}

# dlgo_build BUILD_DIR [targets...]: everything (programs and tests) without targets.
dlgo_build() {
  local build_dir=$1
  shift
  local targets=()
  [ $# -gt 0 ] && targets=(--target "$@")
  dlgo_log "building $build_dir${1:+ ($*)}"
  cmake --build "$build_dir" --parallel "$(nproc)" "${targets[@]}"
}

# dlgo_configure_and_build BUILD_DIR [cmake args...]: configure, then build everything.
dlgo_configure_and_build() {
  dlgo_configure "$@"
  dlgo_build "$1"
}

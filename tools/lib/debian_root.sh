# shellcheck shell=bash
# Debian roots for checks on other releases: made once with debootstrap, kept in a cache folder
# and entered with chroot. Sourced, not run; needs root (debootstrap, mount and chroot do).

# dlgo_debian_root SUITE ROOT: creates ROOT with debootstrap unless it is already complete.
# A root is built in ROOT.partial and renamed when done, so an interrupted run starts over
# instead of reusing half a system.
dlgo_debian_root() {
  local suite=$1 root=$2
  [ -f "$root/.dlgo-root-complete" ] && return 0
  command -v debootstrap >/dev/null || dlgo_as_root apt-get install -y -qq debootstrap >/dev/null
  rm -rf "$root.partial"
  mkdir -p "$(dirname "$root")"
  dlgo_log "debootstrap $suite into $root (once; later runs reuse it)"
  debootstrap --variant=minbase "$suite" "$root.partial" "${DLGO_DEBIAN_MIRROR:-http://deb.debian.org/debian}" \
    >"$root.debootstrap.log" 2>&1 || { tail -20 "$root.debootstrap.log" >&2; return 1; }
  touch "$root.partial/.dlgo-root-complete"
  rm -rf "$root"
  mv "$root.partial" "$root"
}

# dlgo_root_mount ROOT [HOST_DIR:ROOT_DIR ...]: mounts /proc, /sys, /dev and the given folders
# inside ROOT; dlgo_root_unmount ROOT undoes every mount under ROOT (callers trap it on EXIT).
dlgo_root_mount() {
  local root=$1
  shift
  mount -t proc proc "$root/proc"
  mount --rbind /sys "$root/sys" && mount --make-rslave "$root/sys"
  mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev"
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  local pair
  for pair in "$@"; do
    mkdir -p "$root/${pair#*:}"
    mount --bind "${pair%%:*}" "$root/${pair#*:}"
  done
}

dlgo_root_unmount() {
  local root
  root=$(realpath "$1")
  # Deepest first, so that nested mounts come off before the folders that hold them.
  awk -v r="$root/" 'index($2, r) == 1 { print $2 }' /proc/self/mounts | sort -r |
    while read -r m; do umount -l "$m" 2>/dev/null || true; done
}

# dlgo_root_run ROOT COMMAND...: runs COMMAND inside ROOT as root, non-interactive.
dlgo_root_run() {
  local root=$1
  shift
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

# dlgo_root_install ROOT PACKAGES...: apt-get install inside ROOT (already installed: no-op).
dlgo_root_install() {
  local root=$1
  shift
  dlgo_log "installing in $(basename "$root"): $*"
  dlgo_root_run "$root" apt-get update -qq
  dlgo_root_run "$root" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# dlgo_root_trust_host_cas ROOT: the root trusts the certificate authorities the host added
# locally (/usr/local/share/ca-certificates), so that npm and curl inside it work behind the
# same TLS-inspecting proxy as the host. Needs ca-certificates installed in ROOT.
dlgo_root_trust_host_cas() {
  local root=$1
  compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null || return 0
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  dlgo_root_run "$root" update-ca-certificates >/dev/null 2>&1
}

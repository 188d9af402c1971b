#!/usr/bin/env bash
# The deployment files of tools/deploy work as docs/deploy.md says: the systemd unit passes
# `systemd-analyze verify`, the nginx site passes `nginx -t`, and an nginx started on a
# loopback port in front of a real dlgo-serve serves a page and a move.
set -euo pipefail
serve=$1 root=$2
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  [ -n "${nginx_pid:-}" ] && kill "$nginx_pid" 2>/dev/null || true
  [ -n "${serve_pid:-}" ] && kill "$serve_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=serve_support.sh
source "$(dirname "${BASH_SOURCE[0]}")/serve_support.sh"

# systemd: the unit as shipped, pointed at this build.
sed -e "s#/opt/dlgo/bin/dlgo-serve#$serve#" "$root/tools/deploy/dlgo-serve.service" >"$work/dlgo-serve.service"
systemd-analyze verify "$work/dlgo-serve.service"
grep -q '^Restart=on-failure' "$work/dlgo-serve.service"
grep -q '^User=dlgo' "$work/dlgo-serve.service"
echo "systemd-analyze verify: ok"

serve_port=$(free_port)
nginx_port=$(free_port)
"$serve" --bind-address 127.0.0.1 --port "$serve_port" --static-dir "$root/web" --threads 1 \
  >"$work/serve.log" 2>&1 &
serve_pid=$!
wait_for_healthz "$serve_port" || { echo "dlgo-serve did not start"; cat "$work/serve.log"; exit 1; }

# nginx: the site as shipped, listening on a loopback port, proxying to this dlgo-serve.
mkdir -p "$work/nginx"
sed -e "s#listen 80;#listen 127.0.0.1:$nginx_port;#" -e '/listen \[::\]:80;/d' \
    -e "s#server 127.0.0.1:5000;#server 127.0.0.1:$serve_port;#" \
    "$root/tools/deploy/nginx-dlgo.conf" >"$work/nginx/site.conf"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
$( [ "$(id -u)" = 0 ] && echo "user root;" )
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    include $work/nginx/site.conf;
}
CONF
nginx -t -p "$work/nginx" -c "$work/nginx/nginx.conf"
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
wait_for_healthz "$nginx_port" || { echo "nginx did not start in front of dlgo-serve"; exit 1; }

page=$(curl -sf "http://127.0.0.1:$nginx_port/static/play_random_99.html")
grep -qi "<html" <<<"$page" || { echo "no page through nginx"; exit 1; }
move=$(curl -sf -H 'Content-Type: application/json' -d '{"board_size": 9, "moves": ["E5", "C3"]}' \
  "http://127.0.0.1:$nginx_port/select-move/random")
grep -q '"bot_move"' <<<"$move" || { echo "no move through nginx: $move"; exit 1; }
echo "through nginx: page ok, move $move"

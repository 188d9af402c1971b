#!/usr/bin/env bash
# Runs play_pages_test.mjs, installing its one npm package (playwright-core, which drives the
# system's Chromium and downloads no browser) the first time. Arguments go to the test.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
command -v node >/dev/null || { echo "browser test: node is not installed" >&2; exit 1; }
chromium=${DLGO_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "browser test: no Chromium at $chromium (apt-get install chromium)" >&2; exit 1; }
if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "browser test: npm ci (first run)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec node "$here/play_pages_test.mjs" --chromium "$chromium" "$@"

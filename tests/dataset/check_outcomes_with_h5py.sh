#!/usr/bin/env bash
# Game outcomes in datasets: dlgo-data prepare stores each row's result for the player to move
# (1 won, -1 lost, 0 unknown) in /outcomes, h5py reads them as documented, and a version 1
# file (no /outcomes) stays readable.
set -euo pipefail
dlgo_data=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python=/usr/bin/python3
"$python" -c 'import h5py, numpy' || { echo "needs Debian's python3-h5py"; exit 1; }

mkdir -p "$work/games"
# Black wins by resignation; White by points with a pass among the moves (history labels
# passes); a void game; a record without RE; lower-case and spaced results.
printf '(;GM[1]FF[4]SZ[9]RE[B+R];B[ee];W[cc];B[gg])' >"$work/games/a.sgf"
printf '(;GM[1]FF[4]SZ[9]RE[W+3.5];B[ee];W[];B[cc];W[gg])' >"$work/games/b.sgf"
printf '(;GM[1]FF[4]SZ[9]RE[Void];B[ee];W[cc])' >"$work/games/c.sgf"
printf '(;GM[1]FF[4]SZ[9];B[ee];W[cc])' >"$work/games/d.sgf"
printf '(;GM[1]FF[4]SZ[9]RE[ w+T];B[ee];W[cc])' >"$work/games/e.sgf"
printf '(;GM[1]FF[4]SZ[9]HA[2]AB[cc][gg]RE[B+12];W[ee];B[ce])' >"$work/games/f.sgf"
"$dlgo_data" prepare --input "$work/games" --encoder history --board-size 9 --games 6 \
  --test-games 0 --out "$work/ds" >"$work/prepare.log"

"$python" - "$work/ds.train.h5" <<'PY'
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    assert f.attrs["format_version"] == 2, f.attrs["format_version"]
    outcomes, game, labels = f["outcomes"], f["game"][:], f["labels"][:]
    assert outcomes.dtype == np.int8, outcomes.dtype
    assert outcomes.shape == labels.shape, (outcomes.shape, labels.shape)
    names = [n.decode() if isinstance(n, bytes) else n for n in f["game_names"][:]]
    by_game = {}
    for i, g in enumerate(game):
        by_game.setdefault(names[g].split("#")[0].split(":")[-1], []).append(int(outcomes[i]))
    expected = {
        "a.sgf": [1, -1, 1],          # Black won: Black's rows 1, White's -1
        "b.sgf": [-1, 1, -1, 1],      # White won; the pass (White's) is a row
        "c.sgf": [0, 0],              # void
        "d.sgf": [0, 0],              # no RE
        "e.sgf": [-1, 1],             # " w+T": White won on time
        "f.sgf": [-1, 1],             # handicap: White moves first, Black won
    }
    assert by_game == expected, by_game
print("h5py read the outcomes of", len(expected), "games")
PY
"$dlgo_data" stats "$work/ds.train.h5" >"$work/stats.log"
grep -q "outcomes       6 won, 5 lost, 4 unknown" "$work/stats.log" || { cat "$work/stats.log"; exit 1; }

# A version 1 file (before outcomes): h5py turns ours into one; dlgo-data still reads it.
"$python" - "$work/ds.train.h5" "$work/v1.h5" <<'PY'
import sys, shutil, h5py
shutil.copy(sys.argv[1], sys.argv[2])
with h5py.File(sys.argv[2], "r+") as f:
    del f["outcomes"]
    f.attrs["format_version"] = 1
PY
"$dlgo_data" stats "$work/v1.h5" >"$work/stats1.log"
grep -q "outcomes       none stored (format version 1)" "$work/stats1.log" || { cat "$work/stats1.log"; exit 1; }
grep -q "rows           15" "$work/stats1.log"
echo "outcomes are stored per row and version 1 files stay readable"

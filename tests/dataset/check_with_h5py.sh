#!/usr/bin/env bash
# Prepares a small dataset with dlgo-data from SGF files it writes itself, then reads it with
# h5py (Debian's python3-h5py) and checks the documented layout; also checks that dlgo-data
# rejects bad input with exit code 1 and a message naming the problem.
set -euo pipefail
dlgo_data=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python=/usr/bin/python3
"$python" -c 'import h5py, numpy' || { echo "needs Debian's python3-h5py"; exit 1; }

mkdir -p "$work/games"
# Three short legal games, one with a pass, one with a handicap.
printf '(;GM[1]FF[4]SZ[19];B[pd];W[dp];B[pp];W[dd];B[])' >"$work/games/a.sgf"
printf '(;GM[1]FF[4]SZ[19]HA[2]AB[pd][dp];W[dd];B[pp];W[qf])' >"$work/games/b.sgf"
printf '(;GM[1]FF[4]SZ[19];B[qq];W[cc];B[cq];W[qc])' >"$work/games/c.sgf"
"$dlgo_data" prepare --input "$work/games" --encoder sevenplane --games 2 --test-games 1 \
  --out "$work/ds" >"$work/prepare.log"

"$python" - "$work/ds.train.h5" "$work/ds.test.h5" <<'PY'
import sys, h5py, numpy as np
rows_seen = 0
for path in sys.argv[1:]:
    with h5py.File(path, "r") as f:
        a = f.attrs
        assert a["format"] == "dlgo-dataset", a["format"]
        assert a["encoder"] == "sevenplane"
        assert a["planes"] == 7 and a["board_width"] == 19 and a["board_height"] == 19
        assert a["packing"] == "bits"
        feats, labels, game = f["features"], f["labels"], f["game"]
        assert feats.dtype == np.uint8 and feats.shape[1:] == (7, 19, 3), feats.shape
        assert labels.dtype == np.int16 and game.dtype == np.int32
        assert feats.shape[0] == labels.shape[0] == game.shape[0] == a["rows"]
        planes = np.unpackbits(feats[:], axis=-1)[..., :19]
        names = [n.decode() if isinstance(n, bytes) else n for n in f["game_names"][:]]
        for i in range(labels.shape[0]):
            name = names[game[i]]
            # the row of the first move of game a (B[pd] = Q16, empty board): label, no stones
            if name.startswith("a.sgf") and i == list(game[:]).index(game[i]):
                assert labels[i] == 15 * 19 + 15, labels[i]
                assert planes[i].sum() == 0
        rows_seen += labels.shape[0]
assert rows_seen == 4 + 3 + 4, rows_seen  # the pass of game a writes no row
print("h5py read", rows_seen, "rows")
PY

# A foreign HDF5 file and a missing file give exit code 1 and a clear message.
"$python" -c "import h5py; h5py.File('$work/foreign.h5','w').create_dataset('x', data=[1])"
set +e
"$dlgo_data" stats "$work/foreign.h5" 2>"$work/err1"; code1=$?
"$dlgo_data" stats "$work/missing.h5" 2>"$work/err2"; code2=$?
"$dlgo_data" prepare --input "$work/games" --games 50 --out "$work/x" 2>"$work/err3"; code3=$?
"$dlgo_data" prepare --input "$work/games" --encoder bogus --out "$work/x" 2>"$work/err4"; code4=$?
set -e
[ $code1 = 1 ] && grep -q "not a dlgo dataset" "$work/err1"
[ $code2 = 1 ] && grep -q "no such file" "$work/err2"
[ $code3 = 1 ] && grep -q "only 3 usable" "$work/err3"
[ $code4 = 2 ] && grep -q "bogus" "$work/err4"
echo "dlgo-data errors are clear"

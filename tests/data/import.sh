#!/bin/sh
# tests/data/import.sh FIXTURES_DIR: copy the XGBoost-made fixtures the tests
# use from the developers' shared fixture set (../shared/fixtures) into
# tests/data/xgb-VERSION/CASE/.  Every model and every expected output here
# was written by real XGBoost (1.7.4, 2.1.4, 3.4.1); see each manifest.json
# for the exact Python calls.  To keep the repository small, models larger
# than 32 KiB are stored gzip-compressed (xgbp reads them as they are), and
# cases with more than 300 rows keep the first 300 rows of the data and of
# every output, SHAP contributions and interactions included.
set -eu
src=${1:?usage: tests/data/import.sh FIXTURES_DIR}
dst=$(cd "$(dirname "$0")" && pwd)
maxrows=300
for dir in "$src"/xgb-*/*/; do
	dir=${dir%/}
	case=$(basename "$dir")
	ver=$(basename "$(dirname "$dir")")
	out=$dst/$ver/$case
	rm -rf "$out"
	mkdir -p "$out"
	cp "$dir/manifest.json" "$out/"
	for f in "$dir"/model*; do
		# One big model is enough to test size; its UBJ twin is not.
		case $case/$(basename "$f") in speed_higgs_like/model.ubj) continue ;; esac
		b=$(basename "$f")
		if test "$(wc -c <"$f")" -gt 32768; then
			gzip -9n <"$f" >"$out/$b.gz"
		else
			cp "$f" "$out/$b"
		fi
	done
	for f in "$dir"/*.csv "$dir"/*.tsv; do
		test -f "$f" || continue
		b=$(basename "$f")
		# A header line plus the first rows; data rows hold no
		# embedded line breaks in these files.
		head -n $((maxrows + 1)) "$f" >"$out/$b"
	done
done

#!/bin/sh
# tests/bench/shapes.sh: the second half of `make bench` (bench.sh runs
# it): model shapes beyond the HIGGS-like one, and the costs of gzip
# input, -z output and -a pass-through on the HIGGS-like file.  Each
# shape's data and model come from tests/bench/shapes.py (real XGBoost,
# minutes the first time, cached); each command is run RUNS rounds,
# interleaved; medians of wall time and peak RSS.  Prints Markdown.
#
#	sh tests/bench/shapes.sh DATA MODEL
#
# DATA and MODEL are the HIGGS-like file and its model of bench.sh.
set -e
cd "$(dirname "$0")/../.."
W=tests/bench/cache
S=$W/shapes
RUNS=${RUNS:-5}
PYTHON=${PYTHON:-/usr/bin/python3}
XGBP=cmd/xgbp
DATA=$1
MODEL=$2
SHAPES="cover deep wide tiny"

for s in $SHAPES; do
	if ! test -s $S/$s/model.json || ! test -s $S/$s/data.csv; then
		echo "bench: making the $s shape with XGBoost (minutes)" >&2
		$PYTHON tests/bench/shapes.py $S $s >&2
	fi
done
test -s "$DATA.gz" || gzip -1 -c "$DATA" >"$DATA.gz"

. tests/bench/timing.sh

NAMES=
for s in $SHAPES; do
	NAMES="$NAMES $s.x1 $s.x2 $s.g1"
done
NAMES="$NAMES h.x1 h.x2 h.gz1 h.gz2 h.z1 h.a1 h.xg1 floor"
for n in $NAMES; do
	: >$W/$n.times
done
i=0
while test $i -lt "$RUNS"; do
	i=$((i + 1))
	echo "bench: shapes, round $i of $RUNS" >&2
	for s in $SHAPES; do
		run $s.x1 $XGBP -j1 --no-header -m $S/$s/model.json \
		    $S/$s/data.csv
		run $s.x2 $XGBP -j2 --no-header -m $S/$s/model.json \
		    $S/$s/data.csv
		run $s.g1 env OMP_NUM_THREADS=1 $W/xgbref -j1 \
		    $S/$s/model.json $S/$s/data.csv
	done
	run floor sh -c 'wc -l "$0" && awk -F, "{ print \$1 }" "$0"' \
	    $S/tiny/data.csv
	run h.x1 $XGBP -j1 --no-header -m "$MODEL" "$DATA"
	run h.x2 $XGBP -j2 --no-header -m "$MODEL" "$DATA"
	run h.gz1 $XGBP -j1 --no-header -m "$MODEL" "$DATA.gz"
	run h.gz2 $XGBP -j2 --no-header -m "$MODEL" "$DATA.gz"
	run h.z1 $XGBP -j1 -z --no-header -m "$MODEL" "$DATA"
	run h.a1 $XGBP -j1 -a --no-header -m "$MODEL" "$DATA"
done

# Whether xgbp gives XGBoost's bits on each shape, and the walker's
# nanoseconds per row per tree (tests/bench/predbench, CPU time).
for s in $SHAPES; do
	$XGBP -j1 --no-header -m $S/$s/model.json $S/$s/data.csv >$W/s.out
	$W/xgbref -j1 $S/$s/model.json $S/$s/data.csv >$W/s.ref
	if tests/tools/f32cmp $W/s.out $W/s.ref >$W/cmp.txt; then
		echo "$s.same yes"
	else
		echo "$s.same NO: $(head -n 2 $W/cmp.txt | tr '\n' ' ')"
	fi
	head -n 20000 $S/$s/data.csv >$W/s.part
	$W/predbench -r 3 $S/$s/model.json $W/s.part | awk -v s=$s '
	    $1 == "rows" { print s ".trees", $4 }
	    $1 == "parse" { print s ".parse", $4 }
	    $1 == "predict" && $2 != "reference" { w = $2; ns = $5 }
	    END { print s ".walker", w, ns }'
done >$W/shapes.txt
{
	for n in $NAMES; do
		echo "$n.t $(median $W/$n.times 1)"
		echo "$n.m $(median $W/$n.times 2)"
	done
	for s in $SHAPES; do
		echo "$s.rows $(wc -l <$S/$s/data.csv)"
		echo "$s.cols $(head -n 1 $S/$s/data.csv | tr ',' '\n' | wc -l)"
		echo "$s.mb $(($(wc -c <$S/$s/data.csv) / 1000000))"
	done
	echo "h.rows $(wc -l <"$DATA")"
	echo "h.gzmb $(($(wc -c <"$DATA.gz") / 1000000))"
	cat $W/shapes.txt
} >$W/shapes.res
awk '
{ v[$1] = $2; r[$1] = $0 }
function shape(s, label, depth) {
	printf "| %s | %d x %d, %d MB | %d, %s | %.2f s | %.2fM | %.1fx " \
	    "| %.0f MB | %.2f s | %.1fx | %.0f MB | %.2f s | %.2f | %.0f " \
	    "| %s |\n",
	    label, v[s ".rows"], v[s ".cols"], v[s ".mb"], v[s ".trees"],
	    depth, v[s ".x1.t"], v[s ".rows"] / v[s ".x1.t"] / 1e6,
	    v[s ".g1.t"] / v[s ".x1.t"], v[s ".x1.m"] / 1024, v[s ".x2.t"],
	    v[s ".g1.t"] / v[s ".x2.t"], v[s ".x2.m"] / 1024, v[s ".g1.t"],
	    ns[s], v[s ".parse"], same(s)
}
function same(s,   t) {
	t = r[s ".same"]
	sub(/^[^ ]* /, "", t)
	return t == "yes" ? "bit-identical" : t
}
$1 ~ /\.walker$/ { split($1, a, "."); ns[a[1]] = $3; wk = $2 }
END {
	print "| shape | rows x features, CSV | trees, depth | xgbp -j1 " \
	    "| rows/s | vs XGBoost 1 thread | RSS | xgbp -j2 | vs XGBoost " \
	    "| RSS | XGBoost C API, 1 thread | ns/row/tree (" wk ") " \
	    "| split and parse, MB/s | predictions |"
	print "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
	shape("cover", "covertype-like, multi:softprob, 7 classes", 8)
	shape("deep", "deep, binary:logistic", 12)
	shape("wide", "wide, 2,000 features", 6)
	shape("tiny", "tiny, 4 features", 3)
	printf "\nThe tiny model against the floor of reading and " \
	    "splitting the same file (`wc -l` then `awk -F, " \
	    "\x27{print $1}\x27`): %.2f s against %.2f s, %.2fx.\n",
	    v["tiny.x1.t"], v["floor.t"], v["tiny.x1.t"] / v["floor.t"]
	printf "\n| HIGGS-like, %d rows | wall, median | vs plain " \
	    "| peak RSS |\n", v["h.rows"]
	print "|---|---|---|---|"
	printf "| xgbp -j1, plain CSV | %.2f s | 1.00 | %.0f MB |\n",
	    v["h.x1.t"], v["h.x1.m"] / 1024
	printf "| xgbp -j1, gzip input (%d MB) | %.2f s | %.2f | %.0f MB |\n",
	    v["h.gzmb"], v["h.gz1.t"], v["h.gz1.t"] / v["h.x1.t"],
	    v["h.gz1.m"] / 1024
	printf "| xgbp -j1 -z, gzip output | %.2f s | %.2f | %.0f MB |\n",
	    v["h.z1.t"], v["h.z1.t"] / v["h.x1.t"], v["h.z1.m"] / 1024
	printf "| xgbp -j1 -a, every field passed through | %.2f s | %.2f " \
	    "| %.0f MB |\n", v["h.a1.t"], v["h.a1.t"] / v["h.x1.t"],
	    v["h.a1.m"] / 1024
	printf "| xgbp -j2, plain CSV | %.2f s | 1.00 | %.0f MB |\n",
	    v["h.x2.t"], v["h.x2.m"] / 1024
	printf "| xgbp -j2, gzip input | %.2f s | %.2f | %.0f MB |\n",
	    v["h.gz2.t"], v["h.gz2.t"] / v["h.x2.t"], v["h.gz2.m"] / 1024
}' $W/shapes.res

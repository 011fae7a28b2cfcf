#!/bin/sh
# tests/bench/bench.sh: `make bench`.  xgbp against XGBoost's own C API on
# a HIGGS-like file: whole process, CSV in to predictions out, each
# command run in turn, RUNS rounds (interleaved, so a change in the
# machine's load hits all alike), medians; peak RSS; that both give the
# same float32 predictions; then xgbp's parts alone (model load, parsing,
# predict-only per walker, formatting) and start-up; explanations; and
# a wide sparse case, LibSVM against dense CSV of the same rows for a
# model of 10,000 features (SPROWS rows, default 5000); then
# tests/bench/shapes.sh: other model shapes, gzip input, -z, -a.  Prints
# Markdown tables and keeps them in tests/bench/cache/results.md.
#
# Generated files are cached in tests/bench/cache/ (git-ignored): the data
# (tests/bench/gen.c, fixed seed), the model (tests/bench/train.py, real
# XGBoost), the helper programs, the sparse case (tests/bench/sparse.py,
# real XGBoost, minutes the first time).  Environment: CC, CFLAGS, ROWS
# (default 1000000), RUNS (default 5), SPROWS (default 5000), PYTHON
# (default /usr/bin/python3).
set -e
cd "$(dirname "$0")/../.."
W=tests/bench/cache
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-5}
PYTHON=${PYTHON:-/usr/bin/python3}
CC=${CC:-cc}
CFLAGS=${CFLAGS:--O2}
FLAGS="-std=c99 -D_POSIX_C_SOURCE=200809L -ffp-contract=off $CFLAGS"
XGBP=cmd/xgbp
DATA=$W/higgs-$ROWS.csv
MODEL=$W/higgs.json

sh .ci/deps python3-xgboost python3-numpy python3-scipy libxgboost-dev \
    hyperfine time
mkdir -p "$W"

# stale TARGET SOURCE...: whether TARGET is missing or older than a source.
stale() {
	t=$1
	shift
	test -e "$t" || return 0
	for s; do
		test "$s" -nt "$t" && return 0
	done
	return 1
}

if stale $W/gen tests/bench/gen.c; then
	$CC $FLAGS -o $W/gen tests/bench/gen.c
fi
if stale $W/xgbref tests/bench/xgbref.c; then
	$CC $FLAGS -o $W/xgbref tests/bench/xgbref.c -lxgboost
fi
if stale $W/predbench tests/bench/predbench.c lib/libxgbp.a cmd/fmtfloat.c; then
	$CC $FLAGS -Ilib -Icmd -o $W/predbench tests/bench/predbench.c \
	    cmd/fmtfloat.c lib/libxgbp.a -lm
fi
if ! test -s "$DATA"; then
	echo "bench: writing $DATA"
	$W/gen "$ROWS" 42 >"$DATA.tmp" && mv "$DATA.tmp" "$DATA"
fi
if ! test -s "$MODEL"; then
	echo "bench: training $MODEL with XGBoost (about a minute)"
	$W/gen -l 200000 7 >$W/train.csv
	$PYTHON tests/bench/train.py $W/train.csv "$MODEL.tmp"
	mv "$MODEL.tmp" "$MODEL"
fi
head -n 100000 "$DATA" >$W/part.csv
sed -n 2p examples/iris.csv >$W/iris1.csv

# The same predictions: XGBoost's strtof and xgbp's (float)strtod agree
# on every field of this file, so every float32 must be equal.
$XGBP -j1 --no-header -m "$MODEL" "$DATA" >$W/xgbp.out
$W/xgbref -j1 "$MODEL" "$DATA" >$W/xgbref.out
if tests/tools/f32cmp $W/xgbp.out $W/xgbref.out >$W/cmp.txt; then
	same="all $(wc -l <$W/xgbp.out | tr -d ' ') predictions bit-identical"
else
	same="DIFFERENT: $(head -n 3 $W/cmp.txt | tr '\n' ' ')"
fi

. tests/bench/timing.sh

NAMES="xgbp1 xgbp2 xgb1 xgb2"
for n in $NAMES; do
	: >$W/$n.times
done
: >$W/xgbpredict.txt
i=0
while test $i -lt "$RUNS"; do
	i=$((i + 1))
	echo "bench: round $i of $RUNS"
	run xgbp1 $XGBP -j1 --no-header -m "$MODEL" "$DATA"
	run xgbp2 $XGBP -j2 --no-header -m "$MODEL" "$DATA"
	run xgb1 env OMP_NUM_THREADS=1 $W/xgbref -t -j1 "$MODEL" "$DATA"
	grep 'ns/row/tree' $W/xgb1.err >>$W/xgbpredict.txt
	run xgb2 env OMP_NUM_THREADS=2 $W/xgbref -j2 "$MODEL" "$DATA"
done

# Explanations (issue 13): SHAP values of EXROWS rows and interaction
# values of INROWS rows, xgbp against XGBoost's C API with the same
# option_mask as pred_contribs / pred_interactions, one thread each, and
# xgbp -j2; whether xgbp's values are within XGBoost's own additivity
# error plus 4 ulps of XGBoost's.
EXROWS=${EXROWS:-2000}
INROWS=${INROWS:-20}
head -n "$EXROWS" "$DATA" >$W/ex.csv
head -n "$INROWS" "$DATA" >$W/in.csv
XNAMES="cx1 cx2 cg1 ix1 ix2 ig1"
for n in $XNAMES; do
	: >$W/$n.times
done
i=0
while test $i -lt "$RUNS"; do
	i=$((i + 1))
	echo "bench: explanations, round $i of $RUNS"
	run cx1 $XGBP -j1 --no-header --contrib -m "$MODEL" $W/ex.csv
	run cx2 $XGBP -j2 --no-header --contrib -m "$MODEL" $W/ex.csv
	run cg1 env OMP_NUM_THREADS=1 $W/xgbref -j1 -c "$MODEL" $W/ex.csv
	run ix1 $XGBP -j1 --no-header --interactions -m "$MODEL" $W/in.csv
	run ix2 $XGBP -j2 --no-header --interactions -m "$MODEL" $W/in.csv
	run ig1 env OMP_NUM_THREADS=1 $W/xgbref -j1 -i "$MODEL" $W/in.csv
done
$XGBP -j1 --no-header --contrib -m "$MODEL" $W/ex.csv >$W/cx.out
$W/xgbref -j1 -c "$MODEL" $W/ex.csv >$W/cg.out
$W/xgbref -j1 -m "$MODEL" $W/ex.csv >$W/mg.out
$XGBP -j1 --no-header --interactions -m "$MODEL" $W/in.csv >$W/ix.out
$W/xgbref -j1 -i "$MODEL" $W/in.csv >$W/ig.out
# XGBoost's additivity error on these rows, with its own outputs.
A=$($PYTHON tests/tools/shapsum.py $W/cg.out $W/mg.out)
if tests/tools/f32cmp -a "$A" -u 4 $W/cx.out $W/cg.out >$W/cmp.txt &&
    tests/tools/f32cmp -a "$A" -u 4 $W/ix.out $W/ig.out >>$W/cmp.txt; then
	xsame="every value within XGBoost's additivity error ($A) + 4 ulps"
else
	xsame="DIFFERENT: $(head -n 3 $W/cmp.txt | tr '\n' ' ')"
fi

# The wide sparse case (issue 14): the same rows for a model of 10,000
# features as LibSVM and as dense CSV with empty fields, both by xgbp -j1;
# that both give XGBoost's predictions for the LibSVM file
# (tests/bench/sparse.py makes all three and the model, once).
SPROWS=${SPROWS:-5000}
S=$W/sparse-$SPROWS
if ! test -s $S/sparse.pred; then
	echo "bench: writing the sparse case with XGBoost (minutes)"
	mkdir -p $S
	$PYTHON tests/bench/sparse.py $S "$SPROWS"
fi
$XGBP -j1 -m $S/sparse.json $S/sparse.svm >$W/svm.out
$XGBP -j1 --no-header -m $S/sparse.json $S/sparse.csv >$W/svmcsv.out
if cmp -s $W/svm.out $W/svmcsv.out &&
    tests/tools/f32cmp $W/svm.out $S/sparse.pred >$W/cmp.txt; then
	ssame="LibSVM and CSV alike, bit-identical to XGBoost's"
else
	ssame="DIFFERENT: $(head -n 3 $W/cmp.txt | tr '\n' ' ')"
fi
SNAMES="svm1 svmcsv1"
for n in $SNAMES; do
	: >$W/$n.times
done
i=0
while test $i -lt "$RUNS"; do
	i=$((i + 1))
	echo "bench: sparse, round $i of $RUNS"
	run svm1 $XGBP -j1 -m $S/sparse.json $S/sparse.svm
	run svmcsv1 $XGBP -j1 --no-header -m $S/sparse.json $S/sparse.csv
done

hyperfine -N --warmup 3 --runs 30 --export-json $W/start.json \
    "$XGBP --no-header -m examples/iris.json $W/iris1.csv" \
    "$W/xgbref examples/iris.json $W/iris1.csv" >/dev/null 2>&1 || :
$W/predbench -r "$RUNS" "$MODEL" $W/part.csv >$W/parts.txt
$W/xgbref -t -j1 "$MODEL" $W/part.csv 2>$W/xgbparts.txt >/dev/null

# The report: tests/bench/report.awk reads "key value..." lines.
{
	echo "cpu $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
	echo "cores $(nproc)"
	echo "loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "rows $ROWS"
	echo "mb $(($(wc -c <"$DATA") / 1000000))"
	echo "partrows $(wc -l <$W/part.csv)"
	echo "partbytes $(wc -c <$W/part.csv)"
	echo "runs $RUNS"
	echo "same $same"
	for n in $NAMES; do
		echo "$n $(median $W/$n.times 1) $(median $W/$n.times 2)"
	done
	echo "xgbpredict $(median $W/xgbpredict.txt 2)"
	echo "exrows $EXROWS"
	echo "inrows $INROWS"
	echo "xsame $xsame"
	for n in $XNAMES; do
		echo "$n $(median $W/$n.times 1) $(median $W/$n.times 2)"
	done
	echo "sprows $SPROWS"
	echo "spvalues $(awk '{ n += NF - 1 } END { print n }' $S/sparse.svm)"
	echo "ssame $ssame"
	for n in $SNAMES; do
		echo "$n $(median $W/$n.times 1) $(median $W/$n.times 2)"
	done
	sed 's/^/xgb_/' $W/xgbparts.txt
	sed 's/^/xgbp_/' $W/parts.txt
	if test -s $W/start.json; then
		$PYTHON -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"]
print("start %.2f %.2f" % (r[0]["median"] * 1e3, r[1]["median"] * 1e3))' \
		    $W/start.json
	fi
} >$W/results.txt
awk -f tests/bench/report.awk $W/results.txt >$W/results.md
# Model shapes, gzip, -z and -a (tests/bench/shapes.sh).
echo >>$W/results.md
RUNS=$RUNS PYTHON=$PYTHON sh tests/bench/shapes.sh "$DATA" "$MODEL" \
    >>$W/results.md
cat $W/results.md

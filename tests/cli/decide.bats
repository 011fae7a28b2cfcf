#!/usr/bin/env bats
# Decisions and labels: --threshold, --labels, --labels-file, --proba and
# --digits, against XGBoost's own predictions of the fixtures (pred.csv,
# margin.csv), turned into decisions by tests/tools/decide.py.

load helper

DECIDE=$TOP/tests/tools/decide.py

# Fixtures by kind: one output; multi:softprob; multi:softmax.
ONE="xgb-1.7.4/early_stopping_bc xgb-1.7.4/count_poisson
    xgb-1.7.4/binary_logitraw_bc_nan xgb-2.1.4/binary_logistic_bc
    xgb-2.1.4/dart_binary xgb-2.1.4/gblinear_binary_nan
    xgb-3.4.1/binary_hinge xgb-3.4.1/speed_higgs_like"
PROB="xgb-1.7.4/multi_softprob_iris xgb-1.7.4/dart_multiclass
    xgb-1.7.4/gblinear_multiclass xgb-2.1.4/multi_softprob_7class
    xgb-3.4.1/multi_softprob_wine_nan"
SOFTMAX="xgb-1.7.4/multi_softmax_iris xgb-2.1.4/multi_softmax_digits
    xgb-3.4.1/multi_softmax_iris"

# model CASE: its model file.
model() {
	model_file "$DATA/$1" json
}

# labels N: N labels, c0 to cN-1, comma-separated, as in "c0,c1,c2".
labels() {
	seq -s , -f 'c%g' 0 $(($1 - 1))
}

# expect CASE FILE MODE ARGS... -- XGBP-ARGS...: xgbp's output on CASE's
# data.csv with XGBP-ARGS is what decide.py makes of XGBoost's FILE.
expect() {
	local dir=$DATA/$1 file=$2 args=()
	shift 2
	while [[ $1 != -- ]]; do
		args+=("$1")
		shift
	done
	shift
	"$DECIDE" "$dir/$file" "${args[@]}" >"$BATS_TEST_TMPDIR/want"
	run --separate-stderr xgbp -m "$(model "${dir#"$DATA"/}")" "$@" \
	    "$dir/data.csv"
	assert_success
	assert_equal "$stderr" ""
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/got"
	run diff "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
	assert_success
}

@test "--threshold: 1 where XGBoost's prediction exceeds T, on every kind" {
	local c t
	for c in $ONE; do
		for t in 0.5 0 -1.5 100; do
			expect "$c" pred.csv threshold "$t" -- --threshold "$t"
		done
	done
}

@test "--threshold: a prediction equal to T gives 0" {
	local c t
	for c in $ONE; do
		# The threshold is a value XGBoost predicted, read back exactly.
		t=$(sed -n 4p "$DATA/$c/pred.csv")
		expect "$c" pred.csv threshold "$t" -- --threshold "$t"
		run grep -c '^0$' <<<"$(xgbp -m "$(model "$c")" \
		    --threshold "$t" "$DATA/$c/data.csv")"
		assert_success
	done
}

@test "--threshold T is read as a float: a prediction printed as T is a tie" {
	local m=$DATA/xgb-2.1.4/binary_logistic_bc c=xgb-2.1.4/binary_logistic_bc
	local t
	# xgbp's own text of a prediction reads back as that float, so the
	# prediction equals T and gives 0, as NumPy's float32 comparison; the
	# float's exact value exceeds the decimal T for about half of them.
	for t in $(xgbp -m "$(model "$c")" "$m/data.csv" | sed -n 2,21p); do
		run xgbp -m "$(model "$c")" --threshold "$t" --proba \
		    "$m/data.csv"
		assert_success
		assert_line "0,$t"
		refute_line "1,$t"
	done
}

@test "--threshold with --margin decides on the margin" {
	local c
	for c in $ONE; do
		expect "$c" margin.csv threshold 0 -- --threshold 0 --margin
	done
}

@test "--threshold --labels names 0 and 1" {
	expect xgb-2.1.4/binary_logistic_bc pred.csv threshold 0.3 no,yes -- \
	    --threshold 0.3 --labels no,yes
}

@test "--labels on multi:softprob: the first most probable class" {
	local c n
	for c in $PROB; do
		n=$(head -n 1 "$DATA/$c/pred.csv" | tr , '\n' | wc -l)
		expect "$c" pred.csv argmax "$(labels "$n")" -- \
		    --labels "$(labels "$n")"
	done
}

@test "--labels on multi:softmax: the class XGBoost predicts" {
	local c n
	for c in $SOFTMAX; do
		n=$(head -n 1 "$DATA/$c/margin.csv" | tr , '\n' | wc -l)
		expect "$c" pred.csv index "$(labels "$n")" -- \
		    --labels "$(labels "$n")"
	done
}

@test "--labels-file reads a label a line, LF or CRLF" {
	local c=xgb-1.7.4/multi_softprob_iris f=$BATS_TEST_TMPDIR/names
	printf 'setosa\r\nversicolor\r\nvirginica' >"$f"
	expect "$c" pred.csv argmax setosa,versicolor,virginica -- \
	    --labels-file "$f"
	printf 'setosa\nversicolor\nvirginica\n' >"$f"
	expect "$c" pred.csv argmax setosa,versicolor,virginica -- \
	    --labels-file "$f"
	# A UTF-8 byte order mark is no part of the first label.
	printf '\357\273\277setosa\nversicolor\nvirginica\n' >"$f"
	expect "$c" pred.csv argmax setosa,versicolor,virginica -- \
	    --labels-file "$f"
}

@test "a label holding the delimiter or a quote is quoted" {
	local f=$BATS_TEST_TMPDIR/names
	printf 'a,b\nsay "c"\n x\n' >"$f"
	run xgbp -m "$IRIS/model.json" --labels-file "$f" -H \
	    <(head -n 4 "$IRIS/data.csv")
	assert_success
	assert_output "label
\"a,b\"
\"a,b\"
\"a,b\""
	printf '%s\n' 6.3,3.3,6,2.5 5.9,3,4.2,1.5 >"$BATS_TEST_TMPDIR/in"
	run xgbp -m "$IRIS/model.json" --no-header --labels-file "$f" \
	    "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_output "\" x\"
\"say \"\"c\"\"\""
	run xgbp -m "$IRIS/model.json" --no-header --labels-file "$f" -D ';' \
	    "$BATS_TEST_TMPDIR/in"
	assert_output "\" x\"
\"say \"\"c\"\"\""
}

@test "--proba writes XGBoost's predictions after the class" {
	local c=xgb-2.1.4/multi_softprob_7class n
	n=$(head -n 1 "$DATA/$c/pred.csv" | tr , '\n' | wc -l)
	run xgbp -m "$(model "$c")" -H --labels "$(labels "$n")" --proba \
	    "$DATA/$c/data.csv"
	assert_success
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/out"
	run head -n 1 "$BATS_TEST_TMPDIR/out"
	assert_output "label,$(seq -s , -f 'prob_%g' 0 $((n - 1)))"
	tail -n +2 "$BATS_TEST_TMPDIR/out" | cut -d , -f 2- \
	    >"$BATS_TEST_TMPDIR/probs"
	run "$F32CMP" -H "$BATS_TEST_TMPDIR/probs" "$DATA/$c/pred.csv"
	assert_success
	tail -n +2 "$BATS_TEST_TMPDIR/out" | cut -d , -f 1 \
	    >"$BATS_TEST_TMPDIR/class"
	"$DECIDE" "$DATA/$c/pred.csv" argmax "$(labels "$n")" \
	    >"$BATS_TEST_TMPDIR/want"
	run diff "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/class"
	assert_success
}

@test "--threshold --proba -H -k: key, class, then the prediction" {
	local c=xgb-2.1.4/binary_logistic_bc in=$BATS_TEST_TMPDIR/in
	awk -F , -v OFS=, 'NR == 1 { print "id", $0; next }
	    { print "r" NR - 1, $0 }' "$DATA/$c/data.csv" >"$in"
	run xgbp -m "$(model "$c")" -H -k id --threshold 0.5 --proba "$in"
	assert_success
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/out"
	assert_line --index 0 "id,decision,prediction"
	assert_line --index 1 --regexp '^r1,[01],'
	tail -n +2 "$BATS_TEST_TMPDIR/out" | cut -d , -f 3 \
	    >"$BATS_TEST_TMPDIR/pred"
	run "$F32CMP" -H "$BATS_TEST_TMPDIR/pred" "$DATA/$c/pred.csv"
	assert_success
	tail -n +2 "$BATS_TEST_TMPDIR/out" | cut -d , -f 2 \
	    >"$BATS_TEST_TMPDIR/class"
	"$DECIDE" "$DATA/$c/pred.csv" threshold 0.5 >"$BATS_TEST_TMPDIR/want"
	run diff "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/class"
	assert_success
}

@test "--digits N: printf's %.Ng of XGBoost's values, N from 1 to 9" {
	local c n
	for c in xgb-1.7.4/multi_softprob_iris xgb-2.1.4/binary_logistic_bc \
	    xgb-3.4.1/count_poisson xgb-1.7.4/survival_aft_extreme; do
		for n in 1 2 3 5 7 9; do
			expect "$c" pred.csv digits "$n" -- --digits "$n"
			expect "$c" margin.csv digits "$n" -- --digits "$n" \
			    --margin
		done
	done
}

@test "--digits 9 reads back to XGBoost's floats" {
	local c=xgb-2.1.4/multi_softprob_7class
	run xgbp -m "$(model "$c")" --digits 9 "$DATA/$c/data.csv"
	assert_success
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/out"
	run "$F32CMP" -H "$BATS_TEST_TMPDIR/out" "$DATA/$c/pred.csv"
	assert_success
}

@test "--digits applies to explanations too" {
	local c=xgb-1.7.4/multi_softprob_iris
	run xgbp -m "$(model "$c")" --contrib "$DATA/$c/data.csv"
	assert_success
	printf '%s\n' "$output" | head -n 3 | tr , '\n' \
	    >"$BATS_TEST_TMPDIR/exact"
	run xgbp -m "$(model "$c")" --contrib --digits 3 "$DATA/$c/data.csv"
	assert_success
	printf '%s\n' "$output" | head -n 3 | tr , '\n' >"$BATS_TEST_TMPDIR/d3"
	# Each value is the exact one rounded to three digits.
	run python3 -c '
import sys, struct
f = lambda t: struct.unpack("f", struct.pack("f", float(t)))[0]
a = open(sys.argv[1]).read().split()
b = open(sys.argv[2]).read().split()
assert len(a) == len(b) and len(a) > 0
bad = [(x, y) for x, y in zip(a, b) if "%.3g" % f(x) != y]
sys.exit(repr(bad[:3]) if bad else 0)' "$BATS_TEST_TMPDIR/exact" \
	    "$BATS_TEST_TMPDIR/d3"
	assert_success
}

@test "a row written as nan has the class nan" {
	local in=$BATS_TEST_TMPDIR/in
	printf '%s\n' 6.3,3.3,6,2.5 x,3,4.2,1.5 5.1,3.5,1.4,0.2 >"$in"
	run --separate-stderr xgbp -m "$IRIS/model.json" --no-header \
	    --on-error nan -q \
	    --labels a,b,c --proba --digits 2 "$in"
	assert_success
	assert_output "c,0.038,0.041,0.92
nan,nan,nan,nan
a,0.92,0.04,0.038"
}

@test "decisions are the same with one thread and with several" {
	local c=xgb-3.4.1/speed_higgs_like
	run xgbp -m "$(model "$c")" -j 1 --threshold 0.5 --proba --digits 4 \
	    "$DATA/$c/data.csv"
	assert_success
	local one=$output
	run xgbp -m "$(model "$c")" -j 3 --threshold 0.5 --proba --digits 4 \
	    "$DATA/$c/data.csv"
	assert_success
	assert_equal "$output" "$one"
}

@test "decisions that do not apply are usage errors" {
	local m=$IRIS/model.json bc
	bc=$(model xgb-2.1.4/binary_logistic_bc)
	run xgbp -m "$m" --threshold 0.5 /dev/null
	assert_failure 2
	assert_output --partial "--threshold: $m has 3 outputs, not one"
	run xgbp -m "$m" --labels a,b /dev/null
	assert_failure 2
	assert_output --partial "--labels: 2 labels for 3 classes"
	run xgbp -m "$bc" --labels a,b /dev/null
	assert_failure 2
	assert_output --partial "not a multi-class model"
	run xgbp -m "$bc" --threshold 0.5 --labels a,b,c /dev/null
	assert_failure 2
	assert_output --partial "--labels: 3 labels for 2 classes"
	run xgbp -m "$m" --labels a,b,c --margin /dev/null
	assert_failure 2
	run xgbp -m "$m" --proba /dev/null
	assert_failure 2
	assert_output --partial "--proba: needs --labels or --threshold"
	run xgbp -m "$bc" --threshold 0.5 --contrib /dev/null
	assert_failure 2
	run xgbp -m "$bc" --threshold 0.5 --leaf /dev/null
	assert_failure 2
	run xgbp -m "$bc" --digits 3 --leaf /dev/null
	assert_failure 2
	for a in 0 10 -1 x 3.5 ''; do
		run xgbp -m "$m" --digits "$a" /dev/null
		assert_failure 2
		assert_output --partial "--digits: not a number from 1 to 9"
	done
	for a in x 1e999 nan inf 0.5x ''; do
		run xgbp -m "$bc" --threshold "$a" /dev/null
		assert_failure 2
		assert_output --partial "--threshold: not a finite number"
	done
	run xgbp -m "$m" --labels a,b,c --labels-file /dev/null /dev/null
	assert_failure 2
	run xgbp -m "$m" --labels-file /dev/null /dev/null
	assert_failure 2
	assert_output --partial "/dev/null: no labels"
	printf 'a\nb\nc\n\n' >"$BATS_TEST_TMPDIR/four"
	run xgbp -m "$m" --labels-file "$BATS_TEST_TMPDIR/four" /dev/null
	assert_failure 2
	assert_output --partial "$BATS_TEST_TMPDIR/four: 4 labels for 3 classes"
	run xgbp -m "$m" --labels-file /nonexistent/labels /dev/null
	assert_failure 2
	run xgbp -m "$m" --labels '' /dev/null
	assert_failure 2
}

@test "-O jsonl: \"label\" or \"decision\", labels as strings, nan as null" {
	local c=xgb-1.7.4/multi_softprob_iris in=$BATS_TEST_TMPDIR/in
	# The same decisions as the CSV output, read back by Python's json.
	run xgbp -m "$(model "$c")" -O jsonl --labels 'a,b "c",d' --proba \
	    --digits 4 "$DATA/$c/data.csv"
	assert_success
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/json"
	run xgbp -m "$(model "$c")" --labels 'a,b "c",d' --proba --digits 4 \
	    -H "$DATA/$c/data.csv"
	assert_success
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/csv"
	run python3 -c '
import csv, json, sys
rows = list(csv.reader(open(sys.argv[2], newline="")))
objs = [json.loads(line) for line in open(sys.argv[1])]
assert len(objs) == len(rows) - 1 > 0, (len(objs), len(rows))
for o, r in zip(objs, rows[1:]):
    assert list(o) == rows[0], (list(o), rows[0])
    assert o["label"] == r[0], (o, r)
    assert [repr(v) if isinstance(v, float) else str(v)
            for v in list(o.values())[1:]] == \
        [repr(float(x)) if "." in x or "e" in x else x for x in r[1:]], \
        (o, r)' "$BATS_TEST_TMPDIR/json" "$BATS_TEST_TMPDIR/csv"
	assert_success
	printf '%s\n' 6.3,3.3,6,2.5 x,3,4.2,1.5 >"$in"
	run --separate-stderr xgbp -m "$IRIS/model.json" --no-header \
	    --on-error nan -q -O jsonl --labels a,b,c --proba "$in"
	assert_success
	assert_output '{"label":"c","prob_0":0.037965927,"prob_1":0.040991962,"prob_2":0.9210421}
{"label":null,"prob_0":null,"prob_1":null,"prob_2":null}'
	run xgbp -m "$(model xgb-2.1.4/binary_logistic_bc)" -O jsonl \
	    --threshold 0.5 "$DATA/xgb-2.1.4/binary_logistic_bc/data.csv"
	assert_success
	printf '%s\n' "$output" | sed 's/^{"decision":\([01]\)}$/\1/' \
	    >"$BATS_TEST_TMPDIR/got"
	"$DECIDE" "$DATA/xgb-2.1.4/binary_logistic_bc/pred.csv" threshold 0.5 \
	    >"$BATS_TEST_TMPDIR/want"
	run diff "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
	assert_success
}

#!/usr/bin/env bats
# --base-margin: each row's base margins (offsets) from its columns,
# replacing base_score as XGBoost's base_margin does (issue 14).  The
# expected values are XGBoost 1.7.4's own, for DMatrix(base_margin=...)
# (tests/data/margin/, made by tests/data/make-margin.py).

load helper

M=$DATA/margin

setup() {
	IN=$BATS_TEST_TMPDIR/in.csv
}

# agree CASE LIST [XGBP ARGS...]: case CASE scored with --base-margin
# LIST equals XGBoost's margins and predictions, bit for bit.
agree() {
	local dir=$M/$1 list=$2
	shift 2
	same_as "$dir/margin.csv" -m "$dir/model.json" --base-margin "$list" \
	    --margin "$@" "$dir/data.csv"
	same_as "$dir/pred.csv" -m "$dir/model.json" --base-margin "$list" \
	    "$@" "$dir/data.csv"
}

@test "a Poisson model with a log-exposure offset, bit for bit" {
	agree poisson_exposure log_exposure
	agree poisson_exposure 4
	agree poisson_exposure log_exposure -j 1
	agree poisson_exposure log_exposure -j 3
}

@test "multi:softprob takes one base margin per class, in class order" {
	agree softprob bm_0,bm_1,bm_2,bm_3
	agree softprob 6-9
	# By position, without a header: the base margins are no features.
	tail -n +2 "$M/softprob/data.csv" >"$IN"
	same_as "$M/softprob/margin.csv" -m "$M/softprob/model.json" \
	    --no-header --base-margin 6-9 --margin "$IN"
	# Out of order, they are other margins.
	run -0 xgbp -m "$M/softprob/model.json" --base-margin 9-6 --margin \
	    "$M/softprob/data.csv"
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/out"
	run -1 "$F32CMP" -H "$BATS_TEST_TMPDIR/out" "$M/softprob/margin.csv"
}

@test "base margins of binary:logistic, dart and gblinear, bit for bit" {
	agree binary_logistic bm
	agree dart bm
	agree gblinear bm_0,bm_1,bm_2
}

@test "base margins go in the bias of explanations, as XGBoost's" {
	local d=$M/poisson_exposure a
	a=$(python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["contribs_sum_minus_margin_max_abs"])' \
	    "$d/manifest.json")
	near_as "$a" "$d/contribs.csv" -m "$d/model.json" --base-margin 4 \
	    --contrib "$d/data.csv"
	near_as "$a" "$d/interactions.csv" -m "$d/model.json" \
	    --base-margin 4 --interactions "$d/data.csv"
	same_as "$d/contribs_approx.csv" -m "$d/model.json" --base-margin 4 \
	    --contrib-approx "$d/data.csv"
	d=$M/gblinear
	same_as "$d/contribs.csv" -m "$d/model.json" --base-margin 5-7 \
	    --contrib "$d/data.csv"
	same_as "$d/contribs_approx.csv" -m "$d/model.json" \
	    --base-margin 5-7 --contrib-approx "$d/data.csv"
}

@test "a base margin column is kept by -k and -a, and named by -H" {
	head -3 "$M/poisson_exposure/data.csv" >"$IN"
	run -0 --separate-stderr xgbp -m "$M/poisson_exposure/model.json" \
	    --base-margin log_exposure -k log_exposure -H "$IN"
	assert_output - <<-'OUT'
	log_exposure,prediction
	0.7540035843849182,1.5295072
	0.43668416142463684,1.809887
	OUT
	run -0 --separate-stderr xgbp -m "$M/poisson_exposure/model.json" \
	    --base-margin 4 -a -H -D '\t' "$IN"
	assert_line --index 0 \
	    "$(printf 'age\tpower\tdensity\tlog_exposure\tprediction')"
	assert_line --index 2 "$(printf -- '-0.1427532136440277\t-1.1156210899353027\t-0.1273394525051117\t0.43668416142463684\t1.809887')"
	# -o FILE.gz and -z write the same.
	xgbp -m "$M/poisson_exposure/model.json" --base-margin 4 \
	    -o "$BATS_TEST_TMPDIR/out.gz" "$IN"
	run -0 gzip -dc "$BATS_TEST_TMPDIR/out.gz"
	assert_output "$(printf '1.5295072\n1.809887')"
}

@test "a bad base margin is a bad row, named by file, line and column" {
	local m=$M/poisson_exposure/model.json p
	printf 'age,power,density,bm\n0.1,0.2,0.3,0.5\n0.1,0.2,0.3,\n' >"$IN"
	printf '0.1,0.2,0.3,NA\n0.1,0.2,0.3,x1\n0.1,0.2,0.3,inf\n' >>"$IN"
	printf '0.1,0.2,0.3,0.5\n' >>"$IN"
	# The good rows' prediction, as a file of that row alone gives it.
	p=$(head -2 "$IN" | xgbp -m "$m" --base-margin bm)
	run -1 --separate-stderr xgbp -m "$m" --base-margin bm "$IN"
	assert_output "$p"
	assert_equal "$stderr" \
	    "xgbp: $IN:3:4: column \"bm\": missing base margin: \"\""
	run -0 --separate-stderr xgbp -m "$m" --base-margin bm \
	    --on-error skip "$IN"
	assert_output "$(printf '%s\n%s' "$p" "$p")"
	assert_equal "$stderr" "$(printf '%s\n' \
	    "xgbp: $IN:3:4: column \"bm\": missing base margin: \"\" (row skipped)" \
	    "xgbp: $IN:4:4: column \"bm\": missing base margin: \"NA\" (row skipped)" \
	    "xgbp: $IN:5:4: column \"bm\": not a number: \"x1\" (row skipped)" \
	    "xgbp: $IN:6:4: column \"bm\": infinite, or too large for a float: \"inf\" (row skipped)" \
	    "xgbp: 4 rows skipped")"
	run -0 --separate-stderr xgbp -m "$m" --base-margin 4 \
	    --on-error nan -q -k 4 "$IN"
	assert_output "$(printf '0.5,%s\n,nan\nNA,nan\nx1,nan\ninf,nan\n0.5,%s' \
	    "$p" "$p")"
	assert_equal "$stderr" "xgbp: 4 rows written as nan"
	# Without a header, the message names the column by number.
	tail -n +2 "$IN" | head -2 >"$BATS_TEST_TMPDIR/nh.csv"
	run -1 --separate-stderr xgbp -m "$m" --base-margin 4 \
	    "$BATS_TEST_TMPDIR/nh.csv"
	assert_equal "$stderr" \
	    "xgbp: $BATS_TEST_TMPDIR/nh.csv:2:4: missing base margin: \"\""
}

@test "--base-margin: the columns must fit the model and the options" {
	local d=$M/softprob
	run -1 --separate-stderr xgbp -m "$d/model.json" \
	    --base-margin bm_0,bm_1 "$d/data.csv"
	assert_equal "$stderr" "xgbp: --base-margin: 2 columns selected, but the model has 4 outputs, one base margin each"
	run -1 --separate-stderr xgbp -m "$d/model.json" --base-margin 1-4 \
	    -f 1-5 "$d/data.csv"
	assert_equal "$stderr" "xgbp: -f: column 1 is a base margin (--base-margin), not a feature"
	run -1 --separate-stderr xgbp -m "$d/model.json" --base-margin bm_7 \
	    "$d/data.csv"
	assert_equal "$stderr" "xgbp: --base-margin: no column named \"bm_7\" in $d/data.csv"
	# By position, the other columns must be the features.
	run -1 --separate-stderr xgbp -m "$d/model.json" --no-header \
	    --base-margin 6-8 "$d/data.csv"
	assert_equal "$stderr" "xgbp: --base-margin: 3 columns selected, but the model has 4 outputs, one base margin each"
	cut -d, -f1-4,6-9 "$d/data.csv" | tail -n +2 >"$IN"
	run -1 --separate-stderr xgbp -m "$d/model.json" --base-margin 5-8 \
	    "$IN"
	assert_equal "$stderr" "xgbp: $IN:1: 4 fields not excluded, but the model has 5 features"
	run -2 --separate-stderr xgbp -m "$d/model.json" --base-margin 0 \
	    "$d/data.csv"
	assert_equal "$stderr" "$(printf '%s\n' \
	    "xgbp: --base-margin: columns count from 1: \"0\"" \
	    "Try 'xgbp --help'.")"
	run -2 --separate-stderr xgbp -m "$d/model.json" --base-margin 6-9 \
	    --leaf "$d/data.csv"
	assert_equal "$stderr" "$(printf '%s\n' \
	    "xgbp: --base-margin and --leaf exclude each other (leaf indices take no base margin)" \
	    "Try 'xgbp --help'.")"
}

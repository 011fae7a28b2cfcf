#!/usr/bin/env bats
# -r VALUES, --row=VALUES: rows given on the command line, scored as the
# lines of a file are (issue 16), against XGBoost 1.7.4's own predictions
# for the iris fixture (tests/data/xgb-1.7.4/multi_softprob_iris).

load helper

setup() {
	ROWS=()
	while IFS= read -r line; do
		ROWS+=(-r "$line")
	done < <(tail -n +2 "$IRIS/data.csv")
}

# expected FILE N: the header and row N (1-based) of XGBoost's FILE.
expected() {
	sed -n "1p; $(($2 + 1))p" "$IRIS/$1" >"$BATS_TEST_TMPDIR/$1.$2"
	echo "$BATS_TEST_TMPDIR/$1.$2"
}

# output_is FILE N...: $output is rows N... (1-based) of XGBoost's FILE,
# to the float32 bit.
output_is() {
	local f=$1 spec=1p n
	shift
	for n; do
		spec+="; $((n + 1))p"
	done
	sed -n "$spec" "$IRIS/$f" >"$BATS_TEST_TMPDIR/want"
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/got"
	run -0 "$F32CMP" -H "$BATS_TEST_TMPDIR/got" "$BATS_TEST_TMPDIR/want"
}

@test "-r: one row, as the seed's container scored it, bit for bit" {
	same_as "$(expected pred.csv 1)" -m "$IRIS/model.json" \
	    -r 5.1,3.5,1.4,0.2
	same_as "$(expected pred.csv 1)" -m "$IRIS/model.json" \
	    --row=5.1,3.5,1.4,0.2
	same_as "$(expected margin.csv 1)" -m "$IRIS/model.json" \
	    --margin -r 5.1,3.5,1.4,0.2
	same_as "$(expected leaf.csv 1)" -m "$IRIS/model.json" --leaf \
	    -r 5.1,3.5,1.4,0.2
}

@test "-r, repeated: every row of the fixture, in order, bit for bit" {
	same_as "$IRIS/pred.csv" -m "$IRIS/model.json" "${ROWS[@]}"
	same_as "$IRIS/margin.csv" -m "$IRIS/model.json" --margin \
	    "${ROWS[@]}"
	same_as "$IRIS/margin.csv" -m "$IRIS/model.json" --margin -j 3 \
	    "${ROWS[@]}"
}

@test "-r: --contrib as XGBoost's pred_contribs" {
	local a
	a=$(python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["contribs_sum_minus_margin_max_abs"])' \
	    "$IRIS/manifest.json")
	near_as "$a" "$IRIS/contribs.csv" -m "$IRIS/model.json" --contrib \
	    "${ROWS[@]}"
}

@test "-r: fields split by the delimiter in force" {
	same_as "$(expected pred.csv 1)" -m "$IRIS/model.json" \
	    -d ' ' -r '5.1 3.5 1.4 0.2'
	same_as "$(expected pred.csv 1)" -m "$IRIS/model.json" \
	    -t -r "$(printf '5.1\t3.5\t1.4\t0.2')"
	# Told from the first row when not given, as from a file's line 1.
	same_as "$(expected pred.csv 1)" -m "$IRIS/model.json" \
	    -r "$(printf '5.1\t3.5\t1.4\t0.2')"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" \
	    -r '5.1;3.5;1.4;0.2'
	assert_equal "$stderr" "xgbp: -r:1: one field with ';' in it, no ',' or tab: separated by semicolons? Use -d ';'"
	# Quoted as in a CSV file.
	same_as "$(expected pred.csv 1)" -m "$IRIS/model.json" \
	    -r '"5.1",3.5,1.4,"0.2"'
}

@test "-r: the output options apply" {
	local out
	# Rows 1 and 51 of the fixture.
	run --separate-stderr xgbp -m "$IRIS/model.json" -a -D ';' \
	    -r 5.1,3.5,1.4,0.2 -r 7,3.2,4.7,1.4
	assert_success
	assert_equal "$stderr" ""
	out=$output
	run -0 cut -d ';' -f 1-4 <<<"$out"
	assert_output "5.1;3.5;1.4;0.2
7;3.2;4.7;1.4"
	run -0 sh -c 'cut -d ";" -f 5- | tr ";" ,' <<<"$out"
	output_is pred.csv 1 51
	run -0 xgbp -m "$IRIS/model.json" -O jsonl -k 1 -r 5.1,3.5,1.4,0.2
	assert_output --regexp '^\{"column_1":"5.1","prob_0":'
	run -0 xgbp -m "$IRIS/model.json" --labels setosa,versicolor,virginica \
	    -r 5.1,3.5,1.4,0.2 -r 7,3.2,4.7,1.4
	assert_output "setosa
versicolor"
	xgbp -m "$IRIS/model.json" -z -o "$BATS_TEST_TMPDIR/o.gz" \
	    -r 5.1,3.5,1.4,0.2
	run -0 gzip -dc "$BATS_TEST_TMPDIR/o.gz"
	output_is pred.csv 1
}

@test "-r: rows are data; with --header the first -r is the header" {
	local h
	h=$(head -1 "$IRIS/data.csv")
	same_as "$(expected pred.csv 1)" -m "$IRIS/model.json" --header \
	    -r "$h" -r 5.1,3.5,1.4,0.2
	# Named columns in another order.
	same_as "$(expected pred.csv 1)" -m "$IRIS/model.json" --header \
	    -r 'petal width (cm),sepal length (cm),sepal width (cm),petal length (cm)' \
	    -r 0.2,5.1,3.5,1.4
	# Without --header, a row of missing values is a row, not a header.
	run -0 xgbp -m "$IRIS/model.json" --margin -r NA,NA,NA,NA
	assert_output "$(xgbp -m "$IRIS/model.json" --margin -r ,,,)"
}

@test "-r with --libsvm or --jsonl: a record of that format" {
	same_as "$(expected pred.csv 1)" -m "$IRIS/model.json" --libsvm \
	    -r '0 0:5.1 1:3.5 2:1.4 3:0.2'
	same_as "$(expected pred.csv 1)" -m "$IRIS/model.json" --jsonl \
	    -r '{"sepal length (cm)": 5.1, "sepal width (cm)": 3.5, "petal length (cm)": 1.4, "petal width (cm)": 0.2}'
}

@test "-r: a bad row is the error a file's line is, named -r:N" {
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" \
	    -r 5.1,3.5,1.4,0.2 -r 4.9,x,1.4,0.2
	assert_equal "$stderr" 'xgbp: -r:2:2: not a number: "x"'
	output_is pred.csv 1
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" -r 5.1,3.5
	assert_output ""
	assert_equal "$stderr" "xgbp: -r:1: 2 fields, but the model has 4 features"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" --on-error skip \
	    -r 5.1,3.5,1.4,0.2 -r 5.1,3.5
	assert_equal "$stderr" "xgbp: -r:2: 2 fields, expected 4 (row skipped)
xgbp: 1 rows skipped"
	output_is pred.csv 1
}

@test "-r: file operands, empty rows and line ends are usage errors" {
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" -r 1,2,3,4 \
	    "$IRIS/data.csv"
	assert_output ""
	assert_equal "$stderr" "xgbp: -r and file operands exclude each other (-r's rows are the input): \"$IRIS/data.csv\"
Try 'xgbp --help'."
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" -r 1,2,3,4 -
	assert_equal "$stderr" "xgbp: -r and file operands exclude each other (-r's rows are the input): \"-\"
Try 'xgbp --help'."
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" -r ''
	assert_equal "$stderr" "xgbp: -r: an empty row
Try 'xgbp --help'."
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" \
	    -r "$(printf '1,2,3,4\n5,6,7,8')"
	assert_equal "$stderr" "xgbp: -r: a line end in a row (give each row its own -r)
Try 'xgbp --help'."
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" -r
	assert_equal "$stderr" "xgbp: -r: needs an argument
Try 'xgbp --help'."
}

@test "-r: standard input is not read" {
	run -0 xgbp -m "$IRIS/model.json" -r 5.1,3.5,1.4,0.2 <"$IRIS/data.csv"
	output_is pred.csv 1
}

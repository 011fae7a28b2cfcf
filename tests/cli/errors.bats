#!/usr/bin/env bats
# Failures: each has one stderr line naming where, and its exit status (1
# data or I/O, 2 usage, 3 model).  Rows before a bad row are still written.

load helper

@test "a missing input file: status 1" {
	run --separate-stderr xgbp -m "$IRIS/model.json" "$BATS_TEST_TMPDIR/no.csv"
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/no.csv: No such file or directory"
}

@test "a missing model file: status 3" {
	run --separate-stderr xgbp -m "$BATS_TEST_TMPDIR/no.json" "$IRIS/data.csv"
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/no.json: No such file or directory"
}

@test "a malformed model names line and column: status 3" {
	printf '{"learner": {\n  "objective": [1,,2]}}\n' >"$BATS_TEST_TMPDIR/m.json"
	run --separate-stderr xgbp -m "$BATS_TEST_TMPDIR/m.json" "$IRIS/data.csv"
	assert_failure 3
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/m.json:2:16: expected an object, found array"
	printf '{"learner": {\n  "objective": {"a": [1,,2]}}}\n' >"$BATS_TEST_TMPDIR/m.json"
	run --separate-stderr xgbp -m "$BATS_TEST_TMPDIR/m.json" "$IRIS/data.csv"
	assert_failure 3
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/m.json:2:25: unexpected ',', expected a value"
}

@test "a file that is no model: status 3" {
	run --separate-stderr xgbp -m "$IRIS/data.csv" "$IRIS/data.csv"
	assert_failure 3
	assert_equal "$stderr" "xgbp: $IRIS/data.csv: offset 0: not an XGBoost model (unrecognised format)"
}

@test "a split on a feature the model does not have: status 3" {
	sed 's/"split_indices":\[3,/"split_indices":[40,/' "$IRIS/model.json" \
	    >"$BATS_TEST_TMPDIR/m.json"
	! cmp -s "$IRIS/model.json" "$BATS_TEST_TMPDIR/m.json"
	run --separate-stderr xgbp -m "$BATS_TEST_TMPDIR/m.json" "$IRIS/data.csv"
	assert_failure 3
	assert_output ""
	[[ "$stderr" =~ ^"xgbp: $BATS_TEST_TMPDIR/m.json:1:"[0-9]+": tree "[0-9]+" node 0: split index 40 out of range (num_feature 4)"$ ]]
}

@test "a tree whose node is its own child: status 3" {
	sed 's/"left_children":\[1,/"left_children":[0,/' "$IRIS/model.json" \
	    >"$BATS_TEST_TMPDIR/m.json"
	run --separate-stderr xgbp -m "$BATS_TEST_TMPDIR/m.json" "$IRIS/data.csv"
	assert_failure 3
	[[ "$stderr" =~ ": tree 0 node 0: child 0 out of range"$ ]]
}

@test "a field that is not a number: status 1, earlier rows written" {
	sed '5s/^4.6,3.1/4.6,abc/' "$IRIS/data.csv" >"$BATS_TEST_TMPDIR/bad.csv"
	run --separate-stderr xgbp -m "$IRIS/model.json" "$BATS_TEST_TMPDIR/bad.csv"
	assert_failure 1
	assert_equal "${#lines[@]}" 3
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/bad.csv:5:2: column \"sepal width (cm)\": not a number: \"abc\""
}

@test "a short row: status 1 with its line" {
	sed '3s/,0.2$//' "$IRIS/data.csv" >"$BATS_TEST_TMPDIR/short.csv"
	run --separate-stderr xgbp -m "$IRIS/model.json" "$BATS_TEST_TMPDIR/short.csv"
	assert_failure 1
	assert_equal "${#lines[@]}" 1
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/short.csv:3: 3 fields, expected 4"
}

@test "an unterminated quote at the end of the input" {
	{ head -n 3 "$IRIS/data.csv"; printf '5,"3.4\n1.5,0.2\n'; } \
	    >"$BATS_TEST_TMPDIR/q.csv"
	run --separate-stderr xgbp -m "$IRIS/model.json" "$BATS_TEST_TMPDIR/q.csv"
	assert_failure 1
	assert_equal "${#lines[@]}" 2
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/q.csv:4:2: unterminated quoted field"
}

@test "a stray quote inside a field is an ordinary character" {
	{ head -n 2 "$IRIS/data.csv"; printf '5,3"4,1.5,0.2\n'; } \
	    >"$BATS_TEST_TMPDIR/q.csv"
	run --separate-stderr xgbp -m "$IRIS/model.json" "$BATS_TEST_TMPDIR/q.csv"
	assert_failure 1
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/q.csv:3:2: column \"sepal width (cm)\": not a number: \"3\\\"4\""
}

@test "text after a closing quote makes a malformed row" {
	{ head -n 2 "$IRIS/data.csv"; printf '5,"3"4,1.5,0.2\n'; } \
	    >"$BATS_TEST_TMPDIR/q.csv"
	run --separate-stderr xgbp -m "$IRIS/model.json" "$BATS_TEST_TMPDIR/q.csv"
	assert_failure 1
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/q.csv:3:2: text after a closing quote"
}

@test "truncated gzip input: the whole rows before the cut, then status 1" {
	local n
	gzip -c "$IRIS/data.csv" | head -c 300 >"$BATS_TEST_TMPDIR/t.csv.gz"
	n=$(gzip -dc "$BATS_TEST_TMPDIR/t.csv.gz" 2>/dev/null | wc -l)
	[[ $n -gt 2 ]]
	run --separate-stderr xgbp -m "$IRIS/model.json" "$BATS_TEST_TMPDIR/t.csv.gz"
	assert_failure 1
	assert_output "$(xgbp -m "$IRIS/model.json" "$IRIS/data.csv" |
	    head -n "$((n - 1))")"
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/t.csv.gz: unexpected end of compressed data"
}

@test "gzip input followed by garbage: every row, then status 1" {
	{ gzip -c "$IRIS/data.csv"; echo junk; } >"$BATS_TEST_TMPDIR/g.csv.gz"
	run --separate-stderr xgbp -m "$IRIS/model.json" "$BATS_TEST_TMPDIR/g.csv.gz"
	assert_failure 1
	assert_output "$(xgbp -m "$IRIS/model.json" "$IRIS/data.csv")"
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/g.csv.gz: trailing garbage after compressed data"
}

@test "writing to a full disk: status 1" {
	run --separate-stderr sh -c '"$0" -m "$1" "$2" >/dev/full' "$XGBP" \
	    "$IRIS/model.json" "$IRIS/data.csv"
	assert_failure 1
	assert_equal "$stderr" "xgbp: write error: No space left on device"
}

@test "a closed pipe ends xgbp at once and quietly" {
	for i in $(seq 200); do sed 1d "$IRIS/data.csv"; done \
	    >"$BATS_TEST_TMPDIR/big.csv"
	run --separate-stderr sh -c '"$0" -m "$1" "$2" | head -n 1' "$XGBP" \
	    "$IRIS/model.json" "$BATS_TEST_TMPDIR/big.csv"
	assert_success
	assert_output "0.9226171,0.039792567,0.037590317"
	assert_equal "$stderr" ""
}

#!/usr/bin/env bats
# Input: files or stdin, plain or gzip, CSV or TSV, headers, line ends,
# missing values and quoting.  Each case rewrites a fixture's data in another
# form and expects XGBoost's own predictions for the original rows.

load helper

BC=$DATA/xgb-2.1.4/binary_logistic_bc		# has data.tsv too
NAN=$DATA/xgb-2.1.4/nan_heavy			# many empty fields

@test "the delimiter is detected from the first line: TSV" {
	same_as "$BC/pred.csv" -m "$(model_file "$BC" json)" "$BC/data.tsv"
	# Output fields follow the input's delimiter.
	run xgbp -m "$IRIS/model.json" "$IRIS/data.csv"
	assert_line --index 0 "0.9226171,0.039792567,0.037590317"
	tr , '\t' <"$IRIS/data.csv" >"$BATS_TEST_TMPDIR/iris.tsv"
	run xgbp -m "$IRIS/model.json" "$BATS_TEST_TMPDIR/iris.tsv"
	assert_line --index 0 "$(printf '0.9226171\t0.039792567\t0.037590317')"
}

@test "-t reads TSV" {
	same_as "$BC/pred.csv" -m "$(model_file "$BC" json)" -t "$BC/data.tsv"
}

@test "-t on a CSV file finds one field per line" {
	run --separate-stderr xgbp -m "$IRIS/model.json" -t --no-header \
	    "$IRIS/data.csv"
	assert_failure 1
	assert_equal "$stderr" "xgbp: $IRIS/data.csv:1: 1 fields, but the model has 4 features"
}

@test "gzip-compressed input reads like plain input" {
	gzip -c "$NAN/data.csv" >"$BATS_TEST_TMPDIR/data.csv.gz"
	same_as "$NAN/pred.csv" -m "$(model_file "$NAN" json)" "$BATS_TEST_TMPDIR/data.csv.gz"
}

@test "standard input, with no operand or with -" {
	same_as "$NAN/pred.csv" -m "$(model_file "$NAN" json)" <"$NAN/data.csv"
	same_as "$NAN/pred.csv" -m "$(model_file "$NAN" json)" - <"$NAN/data.csv"
	gzip -c "$NAN/data.csv" >"$BATS_TEST_TMPDIR/data.csv.gz"
	same_as "$NAN/pred.csv" -m "$(model_file "$NAN" json)" <"$BATS_TEST_TMPDIR/data.csv.gz"
}

@test "CRLF line ends and a UTF-8 byte order mark" {
	{ printf '\357\273\277'; sed 's/$/\r/' "$NAN/data.csv"; } \
	    >"$BATS_TEST_TMPDIR/dos.csv"
	same_as "$NAN/pred.csv" -m "$(model_file "$NAN" json)" "$BATS_TEST_TMPDIR/dos.csv"
}

@test "CR-only line ends" {
	tr '\n' '\r' <"$NAN/data.csv" >"$BATS_TEST_TMPDIR/mac.csv"
	same_as "$NAN/pred.csv" -m "$(model_file "$NAN" json)" "$BATS_TEST_TMPDIR/mac.csv"
}

@test "blank lines are skipped; the last line needs no line end" {
	awk 'NR % 7 == 0 { print "" } { print } END { print ""; print "   " }' \
	    "$NAN/data.csv" >"$BATS_TEST_TMPDIR/blank.csv"
	same_as "$NAN/pred.csv" -m "$(model_file "$NAN" json)" "$BATS_TEST_TMPDIR/blank.csv"
	printf '%s' "$(cat "$NAN/data.csv")" >"$BATS_TEST_TMPDIR/noeol.csv"
	same_as "$NAN/pred.csv" -m "$(model_file "$NAN" json)" "$BATS_TEST_TMPDIR/noeol.csv"
}

@test "without a header the columns are the features in order" {
	sed 1d "$NAN/data.csv" >"$BATS_TEST_TMPDIR/nohead.csv"
	same_as "$NAN/pred.csv" -m "$(model_file "$NAN" json)" "$BATS_TEST_TMPDIR/nohead.csv"
	same_as "$NAN/pred.csv" -m "$(model_file "$NAN" json)" --no-header \
	    "$BATS_TEST_TMPDIR/nohead.csv"
}

@test "--no-header makes a header line data, which is not a number" {
	run --separate-stderr xgbp -m "$IRIS/model.json" --no-header \
	    "$IRIS/data.csv"
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "xgbp: $IRIS/data.csv:1:1: not a number: \"sepal length (cm)\""
}

@test "--header makes a numeric first line a header" {
	sed 1d "$IRIS/data.csv" >"$BATS_TEST_TMPDIR/nohead.csv"
	run --separate-stderr xgbp -m "$IRIS/model.json" --header \
	    "$BATS_TEST_TMPDIR/nohead.csv"
	assert_failure 1
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/nohead.csv:1: no column for feature \"sepal length (cm)\""
}

@test "header names map to the model's features in any order" {
	local dir=$DATA/xgb-3.4.1/feature_names_order
	head -n 1 "$dir/data_extra_cols.csv" >"$BATS_TEST_TMPDIR/h"
	run cat "$BATS_TEST_TMPDIR/h"
	refute_output "$(head -n 1 "$dir/data.csv")"
	same_as "$dir/pred.csv" -m "$(model_file "$dir" json)" "$dir/data_extra_cols.csv"
}

@test "a feature with no column is an error that names it" {
	cut -d, -f1,2,4 "$IRIS/data.csv" >"$BATS_TEST_TMPDIR/three.csv"
	run --separate-stderr xgbp -m "$IRIS/model.json" \
	    "$BATS_TEST_TMPDIR/three.csv"
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/three.csv:1: no column for feature \"petal length (cm)\"; line 1 was taken for a header, as field 1 (\"sepal length (cm)\") is not a number: use --no-header if it is data"
}

@test "a column named twice is an error" {
	sed '1s/sepal width (cm)/sepal length (cm)/' "$IRIS/data.csv" \
	    >"$BATS_TEST_TMPDIR/dup.csv"
	run --separate-stderr xgbp -m "$IRIS/model.json" \
	    "$BATS_TEST_TMPDIR/dup.csv"
	assert_failure 1
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/dup.csv:1: column \"sepal length (cm)\" appears more than once"
}

@test "NA tokens and quoted empty fields are missing values" {
	# Rotate the spellings of a missing value through the empty fields.
	awk -F, -v OFS=, 'NR > 1 { for (i = 1; i <= NF; i++) if ($i == "") {
		k = (k + 1) % 8
		$i = k == 0 ? "NA" : k == 1 ? "N/A" : k == 2 ? "NaN" : \
		    k == 3 ? "nan" : k == 4 ? "null" : k == 5 ? "NULL" : \
		    k == 6 ? "?" : "\"\""
	} } { print }' "$NAN/data.csv" >"$BATS_TEST_TMPDIR/na.csv"
	grep -q NULL "$BATS_TEST_TMPDIR/na.csv"
	same_as "$NAN/pred.csv" -m "$(model_file "$NAN" json)" "$BATS_TEST_TMPDIR/na.csv"
}

@test "quoted fields, and spaces around numbers" {
	# Spaces around header names would be part of them.
	awk -F, -v OFS=, '{ for (i = 1; i <= NF; i++)
		$i = i % 2 ? "\"" $i "\"" : NR > 1 && $i != "" ? " " $i " " : $i }
	    { print }' \
	    "$NAN/data.csv" >"$BATS_TEST_TMPDIR/quoted.csv"
	same_as "$NAN/pred.csv" -m "$(model_file "$NAN" json)" "$BATS_TEST_TMPDIR/quoted.csv"
}

@test "a quoted header name may hold the delimiter and a line break" {
	printf '"a,b",c\n1,2\n' >"$BATS_TEST_TMPDIR/in.csv"
	run --separate-stderr xgbp -m "$IRIS/model.json" \
	    "$BATS_TEST_TMPDIR/in.csv"
	assert_failure 1
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/in.csv:1: no column for feature \"sepal length (cm)\"; line 1 was taken for a header, as field 1 (\"a,b\") is not a number: use --no-header if it is data"
}

@test "several files are scored one after the other, each with its header" {
	sed 1d "$NAN/pred.csv" >"$BATS_TEST_TMPDIR/p"
	{ echo pred; cat "$BATS_TEST_TMPDIR/p" "$BATS_TEST_TMPDIR/p"; } \
	    >"$BATS_TEST_TMPDIR/pred.csv"
	run -0 xgbp -m "$(model_file "$NAN" json)" "$NAN/data.csv" "$NAN/data.csv"
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/got"
	run "$F32CMP" -H "$BATS_TEST_TMPDIR/got" "$BATS_TEST_TMPDIR/pred.csv"
	assert_success
}

@test "a gzip-compressed model loads" {
	gzip -c "$IRIS/model.json" >"$BATS_TEST_TMPDIR/m.json.gz"
	same_as "$IRIS/pred.csv" -m "$BATS_TEST_TMPDIR/m.json.gz" "$IRIS/data.csv"
}

#!/usr/bin/env bats
# The filter's contract: column selection, pass-through, output header and
# delimiter, missing-value tokens, bad-row policies, streaming, atomic
# output files, reports, and model introspection.  Expected predictions
# are XGBoost's (tests/data).

load helper

DIGITS=$DATA/xgb-2.1.4/multi_softmax_digits	# 64 named features

# wait_lines FILE N: wait up to 10 s for FILE to have N lines.
wait_lines() {
	local i
	for i in $(seq 100); do
		[[ $(wc -l <"$1") -ge $2 ]] && return 0
		sleep 0.1
	done
	return 1
}

@test "a 64-column header in shuffled order scores as the ordered one" {
	local model
	model=$(model_file "$DIGITS" json)
	# Reverse every row's fields: the header moves with its column.
	awk -F, -v OFS=, '{ for (i = NF; i > 0; i--) printf "%s%s", $i,
	    (i > 1 ? OFS : "\n") }' "$DIGITS/data.csv" >"$BATS_TEST_TMPDIR/rev.csv"
	! cmp -s <(head -n 1 "$DIGITS/data.csv") \
	    <(head -n 1 "$BATS_TEST_TMPDIR/rev.csv")
	run -0 xgbp -m "$model" --margin "$DIGITS/data.csv"
	local ordered=$output
	run -0 xgbp -m "$model" --margin "$BATS_TEST_TMPDIR/rev.csv"
	assert_equal "$output" "$ordered"
	same_as "$DIGITS/pred.csv" -m "$model" "$BATS_TEST_TMPDIR/rev.csv"
}

@test "-f picks and orders the feature columns: numbers, ranges, names" {
	# label, the four features backwards, a note
	awk -F, -v OFS=, 'NR == 1 { print "label", $4, $3, $2, $1, "note"; next }
	    { print NR, $4, $3, $2, $1, "x" }' "$IRIS/data.csv" \
	    >"$BATS_TEST_TMPDIR/in.csv"
	same_as "$IRIS/pred.csv" -m "$IRIS/model.json" -f 5,4,3,2 \
	    "$BATS_TEST_TMPDIR/in.csv"
	same_as "$IRIS/pred.csv" -m "$IRIS/model.json" \
	    -f '"sepal length (cm)",4-2' "$BATS_TEST_TMPDIR/in.csv"
	same_as "$IRIS/pred.csv" -m "$IRIS/model.json" -f 5-2 \
	    "$BATS_TEST_TMPDIR/in.csv"
	# The note column would make line 1 look like a header.
	sed 1d "$BATS_TEST_TMPDIR/in.csv" >"$BATS_TEST_TMPDIR/nohead.csv"
	same_as "$IRIS/pred.csv" -m "$IRIS/model.json" -f 5,4,3,2 \
	    --no-header "$BATS_TEST_TMPDIR/nohead.csv"
}

@test "-f errors: wrong count, unknown name, out of range, bad syntax" {
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" -f 1-3 "$IRIS/data.csv"
	assert_equal "$stderr" "xgbp: -f: 3 columns selected, but the model has 4 features"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" -f 1,2,3,height \
	    "$IRIS/data.csv"
	assert_equal "$stderr" "xgbp: -f: no column named \"height\" in $IRIS/data.csv"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" -f 1,2,3,9 \
	    "$IRIS/data.csv"
	assert_equal "$stderr" "xgbp: -f: column 9 out of range: $IRIS/data.csv has 4"
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" -f 0-3 "$IRIS/data.csv"
	assert_equal "${stderr_lines[0]}" 'xgbp: -f: columns count from 1: "0-3"'
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" -f 1,,2 "$IRIS/data.csv"
	assert_equal "${stderr_lines[0]}" 'xgbp: -f: empty column: "1,,2"'
	sed 1d "$IRIS/data.csv" >"$BATS_TEST_TMPDIR/nohead.csv"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" --no-header \
	    -f 1,2,3,x "$BATS_TEST_TMPDIR/nohead.csv"
	assert_equal "$stderr" "xgbp: -f: column name \"x\" needs a header line in $BATS_TEST_TMPDIR/nohead.csv"
}

@test "-x drops an id and a label from the automatic choice" {
	awk -F, -v OFS=, 'NR == 1 { print "id", $0, "label"; next }
	    { print NR, $0, 7 }' "$IRIS/data.csv" >"$BATS_TEST_TMPDIR/in.csv"
	# By name: the extra columns are ignored anyway.
	same_as "$IRIS/pred.csv" -m "$IRIS/model.json" -x id,label \
	    "$BATS_TEST_TMPDIR/in.csv"
	# By position: without a header the extra columns must go.
	sed 1d "$BATS_TEST_TMPDIR/in.csv" >"$BATS_TEST_TMPDIR/nohead.csv"
	same_as "$IRIS/pred.csv" -m "$IRIS/model.json" -x 1,6 \
	    "$BATS_TEST_TMPDIR/nohead.csv"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" \
	    "$BATS_TEST_TMPDIR/nohead.csv"
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/nohead.csv:1: 6 fields, but the model has 4 features"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" -x 1 \
	    "$BATS_TEST_TMPDIR/nohead.csv"
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/nohead.csv:1: 5 fields not excluded, but the model has 4 features"
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" -x 1 -f 2-5 \
	    "$BATS_TEST_TMPDIR/nohead.csv"
	assert_equal "${stderr_lines[0]}" "xgbp: -f and -x exclude each other"
}

@test "a duplicate header name is an error only when it is used" {
	awk -F, -v OFS=, 'NR == 1 { print "id", $0, "id"; next }
	    { print NR, $0, NR }' "$IRIS/data.csv" >"$BATS_TEST_TMPDIR/in.csv"
	same_as "$IRIS/pred.csv" -m "$IRIS/model.json" "$BATS_TEST_TMPDIR/in.csv"
	run -1 --separate-stderr xgbp -m "$IRIS/model.json" -k id \
	    "$BATS_TEST_TMPDIR/in.csv"
	assert_equal "$stderr" "xgbp: -k: column \"id\" appears more than once in $BATS_TEST_TMPDIR/in.csv"
}

@test "-k writes the listed columns first, quoted as CSV needs" {
	printf 'id,sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n' \
	    >"$BATS_TEST_TMPDIR/in.csv"
	printf '"a,1",5.1,3.5,1.4,0.2\n"b ""2""",4.9,3,1.4,0.2\nc3,7,3.2,4.7,1.4\n' \
	    >>"$BATS_TEST_TMPDIR/in.csv"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" -k id,1 \
	    "$BATS_TEST_TMPDIR/in.csv"
	assert_equal "$stderr" ""
	assert_line --index 0 '"a,1","a,1",0.9226171,0.039792567,0.037590317'
	assert_line --index 1 '"b ""2""","b ""2""",0.9226171,0.039792567,0.037590317'
	assert_line --index 2 'c3,c3,0.039080728,0.92148846,0.039430864'
	run -0 xgbp -m "$IRIS/model.json" -k id -D tab "$BATS_TEST_TMPDIR/in.csv"
	assert_line --index 0 "$(printf 'a,1\t0.9226171\t0.039792567\t0.037590317')"
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" -k id -a \
	    "$BATS_TEST_TMPDIR/in.csv"
	assert_equal "${stderr_lines[0]}" "xgbp: -a and -k exclude each other"
}

@test "-a output minus its last columns is the input, byte for byte" {
	# Quoted fields holding commas, quotes, CRs and line breaks.
	{
		printf 'note,sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n'
		printf '"a, b",5.1,3.5,1.4,0.2\n'
		printf '"two\nlines",4.9,3,1.4,0.2\n'
		printf '"say ""hi""",  7 ,3.2,4.7,1.4\n'
		printf 'plain,6.4,3.2,4.5,1.5\n'
	} >"$BATS_TEST_TMPDIR/in.csv"
	run -0 --separate-stderr xgbp -a -m "$IRIS/model.json" \
	    "$BATS_TEST_TMPDIR/in.csv"
	assert_equal "$stderr" ""
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/out.csv"
	# Each record's last line ends with the three predictions.
	sed -E 's/(,[-0-9.e+]+){3}$//' "$BATS_TEST_TMPDIR/out.csv" \
	    >"$BATS_TEST_TMPDIR/stripped.csv"
	sed 1d "$BATS_TEST_TMPDIR/in.csv" >"$BATS_TEST_TMPDIR/data.csv"
	cmp "$BATS_TEST_TMPDIR/stripped.csv" "$BATS_TEST_TMPDIR/data.csv"
	assert_line --index 0 '"a, b",5.1,3.5,1.4,0.2,0.9226171,0.039792567,0.037590317'
	assert_line --index 3 '"say ""hi""",  7 ,3.2,4.7,1.4,0.039080728,0.92148846,0.039430864'
	# With -H the header comes through as it was, then the names.
	run -0 xgbp -a -H -m "$IRIS/model.json" "$BATS_TEST_TMPDIR/in.csv"
	assert_line --index 0 "$(head -n 1 "$BATS_TEST_TMPDIR/in.csv"),prob_0,prob_1,prob_2"
}

@test "-H names the prediction columns after the model's outputs" {
	local d
	run -0 xgbp -H -m "$IRIS/model.json" "$IRIS/data.csv"
	assert_line --index 0 "prob_0,prob_1,prob_2"
	assert_equal "${#lines[@]}" 151
	run -0 xgbp -H --margin -m "$IRIS/model.json" "$IRIS/data.csv"
	assert_line --index 0 "margin_0,margin_1,margin_2"
	run -0 xgbp -H --leaf --iteration-range :1 -m "$IRIS/model.json" \
	    "$IRIS/data.csv"
	assert_line --index 0 "leaf_0,leaf_1,leaf_2"
	d=$DATA/xgb-3.4.1/multi_softmax_iris
	run -0 xgbp -H -m "$d/model.json" "$d/data.csv"
	assert_line --index 0 "class"
	d=$DATA/xgb-2.1.4/reg_quantileerror_multi
	run -0 xgbp -H -m "$(model_file "$d" json)" "$d/data.csv"
	assert_line --index 0 "quantile_0.1,quantile_0.5,quantile_0.9"
	d=$DATA/xgb-3.4.1/multi_target_one_output_per_tree
	run -0 xgbp -H -m "$(model_file "$d" json)" "$d/data.csv"
	assert_line --index 0 "prediction_0,prediction_1,prediction_2"
	d=$DATA/xgb-2.1.4/binary_logistic_bc
	run -0 xgbp -H -D ';' -k 1 -m "$d/model.json" "$d/data.csv"
	assert_line --index 0 "$(head -n 1 "$d/data.csv" | cut -d, -f1);prediction"
	# A header-only input: the header line and nothing else.
	head -n 1 "$IRIS/data.csv" >"$BATS_TEST_TMPDIR/h.csv"
	run -0 xgbp -H -m "$IRIS/model.json" "$BATS_TEST_TMPDIR/h.csv"
	assert_output "prob_0,prob_1,prob_2"
}

@test "--na replaces the missing-value strings; empty fields stay missing" {
	local nan=$DATA/xgb-2.1.4/nan_heavy model
	model=$(model_file "$nan" json)
	sed -e '2,$s/^,/-,/' -e '2,$s/,,/,-,/g' -e '2,$s/,,/,-,/g' \
	    -e '2,$s/,$/,-/' "$nan/data.csv" >"$BATS_TEST_TMPDIR/dash.csv"
	grep -q -- '-,' "$BATS_TEST_TMPDIR/dash.csv"
	same_as "$nan/pred.csv" -m "$model" --na - "$BATS_TEST_TMPDIR/dash.csv"
	same_as "$nan/pred.csv" -m "$model" --na '' "$nan/data.csv"
	run -1 --separate-stderr xgbp -m "$model" "$BATS_TEST_TMPDIR/dash.csv"
	[[ ${stderr_lines[0]} == *': not a number: "-"' ]]
	sed '2,$s/^,/NA,/' "$nan/data.csv" >"$BATS_TEST_TMPDIR/na.csv"
	run -1 xgbp -m "$model" --na - "$BATS_TEST_TMPDIR/na.csv"
}

@test "--on-error: fail stops, skip drops, nan keeps the line" {
	sed -e '3s/^4.9,3/4.9,x/' -e '5s/,0.2$//' "$IRIS/data.csv" \
	    >"$BATS_TEST_TMPDIR/bad.csv"
	run --separate-stderr xgbp -m "$IRIS/model.json" "$BATS_TEST_TMPDIR/bad.csv"
	assert_failure 1
	assert_equal "${#lines[@]}" 1
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/bad.csv:3:2: column \"sepal width (cm)\": not a number: \"x\""
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" --on-error skip \
	    "$BATS_TEST_TMPDIR/bad.csv"
	assert_equal "${#lines[@]}" 148
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/bad.csv:3:2: column \"sepal width (cm)\": not a number: \"x\" (row skipped)
xgbp: $BATS_TEST_TMPDIR/bad.csv:5: 3 fields, expected 4 (row skipped)
xgbp: 2 rows skipped"
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" --on-error nan -q \
	    "$BATS_TEST_TMPDIR/bad.csv"
	assert_equal "${#lines[@]}" 150
	assert_line --index 1 "nan,nan,nan"
	assert_line --index 3 "nan,nan,nan"
	assert_line --index 2 "0.9226171,0.039792567,0.037590317"
	assert_equal "$stderr" "xgbp: 2 rows written as nan"
	run -2 --separate-stderr xgbp -m "$IRIS/model.json" --on-error maybe
	assert_equal "${stderr_lines[0]}" 'xgbp: --on-error: not fail, skip or nan: "maybe"'
}

@test "--line-buffered: tail -f delivers each score before the next row" {
	local in=$BATS_TEST_TMPDIR/log.csv out=$BATS_TEST_TMPDIR/scores pid
	head -n 2 "$IRIS/data.csv" >"$in"
	: >"$out"
	tail -f "$in" | "$XGBP" --line-buffered -m "$IRIS/model.json" >"$out" &
	pid=$!
	wait_lines "$out" 1
	run cat "$out"
	assert_output "0.9226171,0.039792567,0.037590317"
	sed -n 52p "$IRIS/data.csv" >>"$in"
	wait_lines "$out" 2
	run cat "$out"
	assert_line --index 1 "0.039080728,0.92148846,0.039430864"
	kill %1 2>/dev/null || true
	pkill -P $$ tail 2>/dev/null || true
	wait 2>/dev/null || true
}

@test "-o replaces its file only on success" {
	local f=$BATS_TEST_TMPDIR/scores.csv
	echo old >"$f"
	sed '3s/^4.9,3/4.9,x/' "$IRIS/data.csv" >"$BATS_TEST_TMPDIR/bad.csv"
	run -1 xgbp -m "$IRIS/model.json" -o "$f" "$BATS_TEST_TMPDIR/bad.csv"
	run cat "$f"
	assert_output old
	run ls -A "$BATS_TEST_TMPDIR"
	refute_output --partial ".scores.csv."
	run -0 --separate-stderr xgbp -m "$IRIS/model.json" -o "$f" "$IRIS/data.csv"
	assert_output ""
	run "$F32CMP" -H "$f" "$IRIS/pred.csv"
	assert_success
}

@test "a killed run with -o leaves the old file untouched" {
	local f=$BATS_TEST_TMPDIR/scores.csv fifo=$BATS_TEST_TMPDIR/fifo pid
	echo old >"$f"
	mkfifo "$fifo"
	for sig in TERM KILL; do
		"$XGBP" -m "$IRIS/model.json" -o "$f" "$fifo" &
		pid=$!
		exec 5>"$fifo"
		head -n 30 "$IRIS/data.csv" >&5
		sleep 0.3
		kill -s $sig $pid
		wait $pid || true
		exec 5>&-
		run cat "$f"
		assert_output old
	done
	# A TERM removes the temporary file too; a KILL cannot.
	run ls -A "$BATS_TEST_TMPDIR"
	assert_equal "$(ls -A "$BATS_TEST_TMPDIR" | grep -c '^\.scores\.csv\.')" 1
}

@test "-z compresses the output; with -o too" {
	run -0 sh -c '"$0" -z -m "$1" "$2" | gzip -dc' "$XGBP" "$IRIS/model.json" \
	    "$IRIS/data.csv"
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/got"
	run "$F32CMP" -H "$BATS_TEST_TMPDIR/got" "$IRIS/pred.csv"
	assert_success
	run -0 xgbp -z -o "$BATS_TEST_TMPDIR/s.csv.gz" -m "$IRIS/model.json" \
	    "$IRIS/data.csv"
	gzip -dc "$BATS_TEST_TMPDIR/s.csv.gz" >"$BATS_TEST_TMPDIR/got"
	run "$F32CMP" -H "$BATS_TEST_TMPDIR/got" "$IRIS/pred.csv"
	assert_success
}

@test "-v reports rows read, written, skipped, blank lines, missing values and speed" {
	local nan=$DATA/xgb-2.1.4/nan_heavy
	run -0 --separate-stderr xgbp -v -m "$(model_file "$nan" json)" \
	    "$nan/data.csv"
	[[ $stderr =~ ^"xgbp: 300 rows read, 300 written, 0 skipped, 0 blank lines skipped, "([0-9]+)" missing values, "[0-9.]+" s, "[0-9]+" rows/s"$ ]]
	assert_equal "${BASH_REMATCH[1]}" \
	    "$(sed 1d "$nan/data.csv" | awk -F, '{ for (i = 1; i <= NF; i++) n += $i == "" } END { print n }')"
	# Nothing but predictions on stdout; --progress is quiet off a terminal.
	run -0 --separate-stderr xgbp --progress -m "$IRIS/model.json" \
	    "$IRIS/data.csv"
	assert_equal "$stderr" ""
	assert_equal "${#lines[@]}" 150
}

@test "--info describes the model, a property per line" {
	run -0 --separate-stderr xgbp --info -m "$IRIS/model.json"
	assert_equal "$stderr" ""
	assert_output "$(printf '%s\n' 'format	json' 'xgboost	1.7.4' \
	    'booster	gbtree' 'objective	multi:softprob' 'outputs	3' \
	    'classes	3' 'targets	1' 'trees	24' 'rounds	8' \
	    'parallel_trees	1' 'max_depth	3' 'base_score	0.5,0.5,0.5' \
	    'best_iteration	7' 'nonfinite	0' 'features	4' \
	    'feature	0	sepal length (cm)	q' 'feature	1	sepal width (cm)	q' \
	    'feature	2	petal length (cm)	q' 'feature	3	petal width (cm)	q')"
	local d=$DATA/xgb-3.4.1/categorical_onehot
	run -0 xgbp --info -m "$d/model.json"
	assert_line "$(printf 'feature\t1\tcolor\tc\t3 categories')"
	assert_line "$(printf 'booster\tgbtree')"
	d=$DATA/xgb-3.4.1/dart_reg_forest_weighted
	run -0 xgbp --info -m "$d/model.json"
	assert_line "$(printf 'booster\tdart')"
}

@test "--print-header prints the header the model expects" {
	run -0 xgbp --print-header -m "$IRIS/model.json"
	assert_output "$(head -n 1 "$IRIS/data.csv")"
	run -0 xgbp --print-header -t -m "$IRIS/model.json"
	assert_output "$(head -n 1 "$IRIS/data.csv" | tr , '\t')"
	local d=$DATA/xgb-2.1.4/wide_sparse
	run -0 xgbp --print-header -m "$d/model.json"
	assert_output "$(seq -s, -f 'f%g' 0 299)"
}

@test "-j: any number of threads gives the same output" {
	local d=$DATA/xgb-2.1.4/nan_heavy model
	model=$(model_file "$d" json)
	for j in 1 2 3 8; do
		same_as "$d/pred.csv" -j "$j" -m "$model" "$d/data.csv"
	done
	run -2 --separate-stderr xgbp -j 0 -m "$model"
	assert_equal "${stderr_lines[0]}" 'xgbp: -j: not a positive integer: "0"'
}

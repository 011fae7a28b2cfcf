#!/usr/bin/env bats
# LibSVM input (man xgbp, INPUT FORMAT, LibSVM input): XGBoost's own
# predictions for files it read with DMatrix('file?format=libsvm'), made
# by tests/data/make-libsvm.py (the agaricus demo, 0- and 1-based, and a
# file of qid, unordered and repeated indices, blank lines and CRLF); the
# options; and random files checked by tests/svmgen.py against a reader of
# the dialect that never looks at xgbp's code.

load helper

LIBSVM=$DATA/libsvm
ROW1=0.078337125,0.28561112,0.6360518	# iris: the prediction for 1,2,3,4

setup() {
	IN=$BATS_TEST_TMPDIR/in.svm
}

# agree CASE INPUT [XGBP ARGS...]: xgbp's margins, predictions and
# Saabas contributions for CASE's INPUT equal XGBoost's, bit for bit.
agree() {
	local dir=$LIBSVM/$1 in=$LIBSVM/$1/$2
	shift 2
	same_as "$dir/margin.csv" -m "$dir/model.json" --margin "$@" "$in"
	same_as "$dir/pred.csv" -m "$dir/model.json" "$@" "$in"
	same_as "$dir/contribs_approx.csv" -m "$dir/model.json" \
	    --contrib-approx "$@" "$in"
}

@test "agaricus, 0-based as XGBoost reads it by default, told from line 1" {
	agree agaricus agaricus.txt.test
	agree agaricus agaricus.txt.test --libsvm
}

@test "agaricus read 1-based: --libsvm-base 1" {
	agree agaricus_base1 agaricus.txt.test --libsvm-base 1
}

@test "qid, indices out of order and twice, tabs, blank lines, CRLF" {
	agree sparse_qid data.txt
	agree sparse_qid data.txt -j 3
}

@test "values read as XGBoost reads them, not always the nearest float" {
	local dir=$LIBSVM/readings
	# values.csv: XGBoost's reading of each line's one value; model.json
	# makes it the margin.  A fifth of them are not the nearest float.
	same_as "$dir/values.csv" -m "$dir/model.json" --margin "$dir/data.txt"
	run xgbp -m "$dir/model.json" --margin <(echo '0 0:1.614')
	assert_output 1.6140001
	# One that XGBoost reads as infinite, and refuses, is a bad value.
	run xgbp -m "$dir/model.json" --margin <(echo '0 0:3.4028234e38')
	assert_failure 1
	assert_output --partial ":1:2: too large for XGBoost's reading of a float"
}

@test "standard input and gzip" {
	local dir=$LIBSVM/agaricus
	same_as "$dir/pred.csv" -m "$dir/model.json" <"$dir/agaricus.txt.test"
	gzip -c "$dir/agaricus.txt.test" >"$IN.gz"
	same_as "$dir/pred.csv" -m "$dir/model.json" --libsvm - <"$IN.gz"
}

@test "LibSVM rows score as the same rows in CSV, explanations too" {
	local dir=$LIBSVM/sparse_qid csv=$BATS_TEST_TMPDIR/dense.csv flag
	# The file's rows made dense by awk: empty where no pair names a
	# feature, the later of an index given twice.
	tr -d '\r' <"$dir/data.txt" | awk 'NF > 0 {
		delete v
		for (i = 2; i <= NF; i++)
			if ($i !~ /^qid:/) {
				split($i, p, ":")
				v[p[1]] = p[2]
			}
		s = ""
		for (f = 0; f < 20; f++)
			s = s (f > 0 ? "," : "") (f in v ? v[f] : "")
		print s
	}' >"$csv"
	for flag in --margin --leaf --contrib --interactions; do
		xgbp -m "$dir/model.json" $flag --no-header "$csv" \
		    >"$BATS_TEST_TMPDIR/csv.out"
		run xgbp -m "$dir/model.json" $flag "$dir/data.txt"
		assert_success
		assert_output "$(cat "$BATS_TEST_TMPDIR/csv.out")"
	done
}

@test "the later value of an index counts; a missing one stores nothing" {
	printf '1 0:9 3:4 2:3 1:2 0:1\n1 0:1 1:2 2:3 3:4 0:NA 1:\t\n' >"$IN"
	printf '0 3:4 1:2 2:3 0:1 2:nan\n' >>"$IN"
	run --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_failure 1
	assert_equal "$output" "$ROW1"
	assert_equal "$stderr" "xgbp: $IN:2:7: no value: \"1:\""
	printf '1 0:9 3:4 2:3 1:2 0:1\n1 0:1 1:2 2:3 3:4 0:NA\n' >"$IN"
	printf '0 3:4 1:2 2:3 0:1 2:nan\n' >>"$IN"
	run --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_success
	assert_equal "$output" "$ROW1"$'\n'"$ROW1"$'\n'"$ROW1"
	assert_equal "$stderr" ""
}

@test "absent features are missing; --missing and --na apply to values" {
	local all
	all=$(printf '1,,,\n' | xgbp --no-header -m "$IRIS/model.json")
	run xgbp -m "$IRIS/model.json" --libsvm <<<'1 0:1'
	assert_output "$all"
	run xgbp -m "$IRIS/model.json" --missing 2 --na x <<<'1 0:1 1:2 2:x'
	assert_output "$all"
	run xgbp -m "$IRIS/model.json" --libsvm <<<'7'
	assert_output "$(printf ',,,\n' | xgbp --no-header -m "$IRIS/model.json")"
}

@test "-k 1 keeps the label, -a the record, -H names them" {
	printf '1 0:1 1:2 2:3 3:4\nNA qid:7\t0:1 1:2 2:3 3:4 \n' >"$IN"
	run xgbp -m "$IRIS/model.json" -k 1 -H "$IN"
	assert_output "label,prob_0,prob_1,prob_2
1,$ROW1
NA,$ROW1"
	run xgbp -m "$IRIS/model.json" -a -H "$IN"
	assert_output "record,prob_0,prob_1,prob_2
1 0:1 1:2 2:3 3:4,$ROW1
\"NA qid:7	0:1 1:2 2:3 3:4 \",$ROW1"
	# Quoted as CSV needs: here for the tab in it.
	run xgbp -m "$IRIS/model.json" -a -D tab "$IN"
	assert_output "1 0:1 1:2 2:3 3:4	${ROW1//,/	}
\"NA qid:7	0:1 1:2 2:3 3:4 \"	${ROW1//,/	}"
	run --separate-stderr xgbp -m "$IRIS/model.json" -k 2 "$IN"
	assert_failure 1
	assert_equal "$stderr" "xgbp: -k: column 2 out of range: $IN has 1"
}

@test "an index beyond the model's features: an error, or --libsvm-extra ignore" {
	printf '1 0:1 1:2 2:3 3:4\n1 0:1 4:2\n1 0:1 1:2 2:3 3:4 9999999999999999999999:1\n' >"$IN"
	run --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_failure 1
	assert_equal "$output" "$ROW1"
	assert_equal "$stderr" "xgbp: $IN:2:3: index beyond the model's 4 features (0-based): \"4:2\""
	run --separate-stderr xgbp -m "$IRIS/model.json" --on-error nan "$IN"
	assert_success
	assert_equal "$output" "$ROW1
nan,nan,nan
nan,nan,nan"
	run --separate-stderr xgbp -m "$IRIS/model.json" --libsvm-extra ignore \
	    "$IN"
	assert_success
	assert_equal "${lines[2]}" "$ROW1"
	assert_equal "$stderr" ""
	run --separate-stderr xgbp -m "$IRIS/model.json" --libsvm-extra=x "$IN"
	assert_failure 2
	assert_equal "$stderr" "xgbp: --libsvm-extra: not error or ignore: \"x\"
Try 'xgbp --help'."
}

@test "--libsvm-base 1: indices from 1, and 0 is a bad index" {
	printf '1 1:1 2:2 3:3 4:4\n1 0:1 1:1\n' >"$IN"
	run --separate-stderr xgbp -m "$IRIS/model.json" --libsvm-base 1 "$IN"
	assert_failure 1
	assert_equal "$output" "$ROW1"
	assert_equal "$stderr" "xgbp: $IN:2:2: index 0 in a 1-based file (--libsvm-base 1): \"0:1\""
	run --separate-stderr xgbp -m "$IRIS/model.json" "$IN"
	assert_failure 1
	assert_equal "$stderr" "xgbp: $IN:1:5: index beyond the model's 4 features (0-based): \"4:4\""
	run --separate-stderr xgbp -m "$IRIS/model.json" --libsvm-base 2 "$IN"
	assert_failure 2
}

@test "bad fields, each named by line and field, under every --on-error" {
	local f why
	while IFS='|' read -r f why; do
		printf '1 0:1 1:2 2:3 3:4\n1 0:1 1:2 %s\n1 0:1 1:2 2:3 3:4\n' \
		    "$f" >"$IN"
		run --separate-stderr xgbp -m "$IRIS/model.json" --libsvm \
		    --on-error skip "$IN"
		assert_success
		assert_equal "$output" "$ROW1"$'\n'"$ROW1"
		assert_equal "$stderr" "xgbp: $IN:2:4: $why (row skipped)
xgbp: 1 rows skipped"
	done <<'EOF'
3:|no value: "3:"
:4|not index:value: ":4"
a:1|not index:value: "a:1"
1:x|not a number: "x"
1:2:3|not a number: "2:3"
#c|not index:value: "#c"
qid:2|not index:value: "qid:2"
-1:2|not index:value: "-1:2"
1 :2|not index:value: "1"
0x1:1|not index:value: "0x1:1"
1:0x1|not a number: "0x1"
1:inf|infinite, or too large for a float: "inf"
1:1e400|infinite, or too large for a float: "1e400"
EOF
	printf '1:0.5 0:1\nx 0:1\n' >"$IN"
	run --separate-stderr xgbp -m "$IRIS/model.json" --libsvm \
	    --on-error nan "$IN"
	assert_success
	assert_equal "$output" "nan,nan,nan
nan,nan,nan"
	assert_equal "$stderr" "xgbp: $IN:1:1: no label before the features: \"1:0.5\" (row written as nan)
xgbp: $IN:2:1: label is not a number: \"x\" (row written as nan)
xgbp: 2 rows written as nan"
}

@test "line 1 tells LibSVM from CSV; options that do not apply" {
	run xgbp -m "$IRIS/model.json" <<<'1 qid:3 0:1 1:2 2:3 3:4'
	assert_output "$ROW1"
	run xgbp -m "$IRIS/model.json" <<<'1,2,3,4'
	assert_output "$ROW1"
	# -d and -t mean CSV: no LibSVM then.
	run --separate-stderr xgbp -m "$IRIS/model.json" -d ' ' \
	    <<<'1 0:1 1:2 2:3'
	assert_failure 1
	run --separate-stderr xgbp -m "$IRIS/model.json" --libsvm -t </dev/null
	assert_failure 2
	assert_equal "$stderr" "xgbp: --libsvm and -d or -t exclude each other
Try 'xgbp --help'."
	run --separate-stderr xgbp -m "$IRIS/model.json" -f 1-4 \
	    <<<'1 0:1 1:2 2:3 3:4'
	assert_failure 1
	assert_equal "$stderr" "xgbp: <stdin>:1: -f: LibSVM input has no columns by position or header"
	# A quote is an ordinary character: no field runs over lines.
	printf '"1 0:1\n1 0:1 1:2 2:3 3:4\n' >"$IN"
	run --separate-stderr xgbp -m "$IRIS/model.json" --on-error nan "$IN"
	assert_equal "${lines[1]}" "$ROW1"
	assert_equal "$stderr" "xgbp: $IN:1:1: label is not a number: \"\\\"1\" (row written as nan)
xgbp: 1 rows written as nan"
}

@test "-j, -o and -z give what one thread writes to standard output" {
	local dir=$LIBSVM/sparse_qid i
	for i in 1 2 3 4 5 6 7 8 9 10; do
		cat "$dir/data.txt"
	done >"$IN"
	xgbp -m "$dir/model.json" -j 1 "$IN" >"$BATS_TEST_TMPDIR/one"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/one")" -eq 2000 ]
	xgbp -m "$dir/model.json" -j 4 -z -o "$BATS_TEST_TMPDIR/four.gz" \
	    "$IN"
	run gzip -dc "$BATS_TEST_TMPDIR/four.gz"
	assert_output "$(cat "$BATS_TEST_TMPDIR/one")"
}

@test "random LibSVM files: lines, values, labels and messages" {
	local cases=1000
	[[ -z ${VG_TOOL-} ]] || cases=30
	run python3 "$TOP/tests/svmgen.py" --xgbp "$XGBP" --seed 1 \
	    --cases "$cases" --keep "$TOP/tests/tmp/svm"
	printf '# %s\n' "${lines[${#lines[@]} - 1]}" >&3
	assert_success
}

@test "-O jsonl names the kept label \"label\", as -H does" {
	printf '%s\n' '2 0:5.1 1:3.5 2:1.4 3:0.2' >"$IN"
	run xgbp -m "$IRIS/model.json" -k 1 -H "$IN"
	assert_success
	assert_line --index 0 label,prob_0,prob_1,prob_2
	run xgbp -m "$IRIS/model.json" -k 1 -O jsonl "$IN"
	assert_success
	assert_output --regexp '^\{"label":"2","prob_0":[0-9.e-]+,"prob_1":'
}

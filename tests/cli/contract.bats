#!/usr/bin/env bats
# The row contract (issue 11): one line out for each row in, in order, with
# the output header's fields on every line, or a loud error.  Each input
# here once lost, shifted or invented a row with exit status 0.  Exact
# status, stdout and stderr; the predictions are XGBoost's for the iris
# fixture, checked against its pred.csv in the first test.

load helper

M=$IRIS/model.json
# XGBoost's predictions (pred.csv) for 5.1,3.5,1.4,0.2 (data row 1),
# 7,3.2,4.7,1.4 (row 51) and 6.3,3.3,6,2.5 (row 101), in xgbp's form.  The
# last is also XGBoost 1.7.4's prediction for a row of missing values:
# bst.predict(xgb.DMatrix(np.full((1, 4), np.nan), feature_names=...)).
R1=0.9226171,0.039792567,0.037590317
R51=0.039080728,0.92148846,0.039430864
R101=0.037965927,0.040991962,0.9210421
NANS=nan,nan,nan

setup() {
	IN=$BATS_TEST_TMPDIR/in.csv
	HEAD=$(xgbp --print-header -m "$M")
}

# model_named NAMES: the iris model with its feature names replaced by
# NAMES, a JSON array body; names change no prediction.
model_named() {
	sed "s/\"feature_names\":\[[^]]*\]/\"feature_names\":[$1]/" "$M" \
	    >"$BATS_TEST_TMPDIR/named.json"
	! cmp -s "$M" "$BATS_TEST_TMPDIR/named.json"
	echo "$BATS_TEST_TMPDIR/named.json"
}

@test "the predictions used here are XGBoost's" {
	printf '%s\n%s\n%s\n' "$R1" "$R51" "$R101" >"$BATS_TEST_TMPDIR/got"
	sed -n '1p;2p;52p;102p' "$IRIS/pred.csv" >"$BATS_TEST_TMPDIR/want"
	run "$F32CMP" -H "$BATS_TEST_TMPDIR/got" "$BATS_TEST_TMPDIR/want"
	assert_success
	sed -n '2p;52p;102p' "$IRIS/data.csv" >"$BATS_TEST_TMPDIR/rows"
	run -0 xgbp --no-header -m "$M" "$BATS_TEST_TMPDIR/rows"
	assert_output "$R1"$'\n'"$R51"$'\n'"$R101"
}

@test "1. a stray quote inside a field is a character: one bad row, no more" {
	printf '5.1,3.5,1.4,0.2\n5.1,3"5,1.4,0.2\n6.3,3.3,6,2.5\n7,3.2,4.7,1.4\n' >"$IN"
	run -0 --separate-stderr xgbp --no-header --on-error nan -m "$M" <"$IN"
	assert_output "$R1"$'\n'"$NANS"$'\n'"$R101"$'\n'"$R51"
	assert_equal "$stderr" 'xgbp: <stdin>:2:2: not a number: "3\"5" (row written as nan)
xgbp: 1 rows written as nan'
	run -0 --separate-stderr xgbp --no-header --on-error skip -m "$M" <"$IN"
	assert_output "$R1"$'\n'"$R101"$'\n'"$R51"
	run -1 --separate-stderr xgbp --no-header -m "$M" <"$IN"
	assert_output "$R1"
	assert_equal "$stderr" 'xgbp: <stdin>:2:2: not a number: "3\"5"'
}

@test "1. a quote opening a field that never closes takes one line only" {
	printf '5.1,3.5,1.4,0.2\n5.1,"3.5,1.4,0.2\n6.3,3.3,6,2.5\n7,3.2,4.7,1.4\n' >"$IN"
	run -0 --separate-stderr xgbp --no-header --on-error nan -m "$M" <"$IN"
	assert_output "$R1"$'\n'"$NANS"$'\n'"$R101"$'\n'"$R51"
	assert_equal "$stderr" 'xgbp: <stdin>:2:2: unterminated quoted field (row written as nan)
xgbp: 1 rows written as nan'
	# Line numbers go on right after it, across CRLF too.
	printf '5.1,3.5,1.4,0.2\r\n"5.1,3.5\r\n6.3,3.3,6,2.5\r\n7,3.2,x,1.4\r\n' >"$IN"
	run -0 --separate-stderr xgbp --no-header --on-error skip -m "$M" "$IN"
	assert_output "$R1"$'\n'"$R101"
	assert_equal "$stderr" "xgbp: $IN:2:1: unterminated quoted field (row skipped)
xgbp: $IN:4:3: not a number: \"x\" (row skipped)
xgbp: 2 rows skipped"
}

@test "1. the nightly recipe with a stray quote at row 1,001 of 180,000" {
	local q
	for q in '3"5' '"3.5'; do
		awk -v q="$q" -v h="$HEAD" 'BEGIN { print h
			for (i = 1; i <= 180000; i++)
				if (i == 1001)
					print "5.1," q ",1.4,0.2"
				else if (i % 2)
					print "5.1,3.5,1.4,0.2"
				else
					print "7,3.2,4.7,1.4" }' >"$IN"
		run -0 --separate-stderr xgbp -q --on-error skip -z \
		    -o "$BATS_TEST_TMPDIR/scores.csv.gz" -m "$M" "$IN"
		assert_equal "$stderr" "xgbp: 1 rows skipped"
		gzip -dc "$BATS_TEST_TMPDIR/scores.csv.gz" >"$BATS_TEST_TMPDIR/s"
		run awk -F, 'END { print NR } NR == 999 || NR == 1000 || NR == 1001 \
		    { printf "%s ", $1 }' "$BATS_TEST_TMPDIR/s"
		# Rows 999 and 1,000 odd and even; 1,001 skipped; 1,002 even.
		assert_output "0.9226171 0.039080728 0.039080728 179999"
	done
}

@test "2. a header of numbers, as pandas writes unnamed columns, is a header" {
	local m
	m=$(model_named '"0","1","2","3"')
	run -0 xgbp --print-header -m "$m"
	assert_output "0,1,2,3"
	{ echo 0,1,2,3; sed 1d "$IRIS/data.csv"; } >"$IN"
	same_as "$IRIS/pred.csv" -m "$m" "$IN"
	# pandas' index column: an empty name, numbers in its rows.
	{ echo ,0,1,2,3; sed 1d "$IRIS/data.csv" | awk '{ print NR - 1 "," $0 }'; } \
	    >"$IN"
	same_as "$IRIS/pred.csv" -m "$m" "$IN"
	same_as "$IRIS/pred.csv" -m "$m" -x 1 "$IN"
	# Columns in another order are matched by name...
	{ echo 3,2,1,0; sed 1d "$IRIS/data.csv" | awk -F, -v OFS=, \
	    '{ print $4, $3, $2, $1 }'; } >"$IN"
	run -1 --separate-stderr xgbp -m "$m" "$IN"
	assert_output ""
	assert_equal "$stderr" "xgbp: $IN:1: line 1 holds the model's feature names, but out of order: a header or data? Use --header or --no-header"
	# ... once --header says that line 1 is one.
	same_as "$IRIS/pred.csv" -m "$m" --header "$IN"
	# Numbers that are not all the names are data.
	printf '0,1,2,5\n' | xgbp --no-header -m "$m" >"$BATS_TEST_TMPDIR/want"
	run -0 xgbp -m "$m" <<<"0,1,2,5"
	assert_output "$(cat "$BATS_TEST_TMPDIR/want")"
}

@test "2. a header of column numbers for a model that has no names: asked" {
	local d=$DATA/xgb-1.7.4/count_poisson
	run -0 xgbp --print-header -m "$d/model.json"
	assert_output "f0,f1,f2,f3,f4,f5,f6"
	# pandas' to_csv() of a frame made from a NumPy array.
	{ echo 0,1,2,3,4,5,6; sed 1d "$d/data.csv"; } >"$IN"
	run -1 --separate-stderr xgbp -m "$d/model.json" "$IN"
	assert_output ""
	assert_equal "$stderr" "xgbp: $IN:1: line 1 reads 0, 1, 2, ... like the header pandas writes for columns without names: a header or data? Use --header or --no-header"
	same_as "$d/pred.csv" -m "$d/model.json" --header "$IN"
	# With its index column, excluded.
	{ echo ,0,1,2,3,4,5,6; sed 1d "$d/data.csv" | awk '{ print NR - 1 "," $0 }'; } \
	    >"$IN"
	run -1 --separate-stderr xgbp -x 1 -m "$d/model.json" "$IN"
	assert_equal "$stderr" "xgbp: $IN:1: line 1 reads 0, 1, 2, ... like the header pandas writes for columns without names: a header or data? Use --header or --no-header"
	same_as "$d/pred.csv" -m "$d/model.json" -x 1 --header "$IN"
}

@test "3. a text key column without a header: its first row is data" {
	printf 'C001,5.1,3.5,1.4,0.2\nC002,6.3,3.3,6,2.5\n' >"$IN"
	run -0 --separate-stderr xgbp -f 2-5 -k 1 -m "$M" "$IN"
	assert_output "C001,$R1"$'\n'"C002,$R101"
	assert_equal "$stderr" ""
	run -0 --separate-stderr xgbp -x 1 -k 1 -m "$M" "$IN"
	assert_output "C001,$R1"$'\n'"C002,$R101"
	# A feature column of text does make line 1 a header.
	run -1 --separate-stderr xgbp -x 1 -k 1 -m "$M" \
	    <<<"id,a,b,c,d"$'\n'"C001,5.1,3.5,1.4,0.2"
	assert_equal "$stderr" "xgbp: <stdin>:1: no column for feature \"sepal length (cm)\"; line 1 was taken for a header, as field 2 (\"a\") is not a number: use --no-header if it is data"
}

@test "4. a TSV row of empty fields is a row of missing values" {
	printf '5.1\t3.5\t1.4\t0.2\n\t\t\t\n6.3\t3.3\t6\t2.5\n' >"$IN"
	run -0 --separate-stderr xgbp -t --no-header -m "$M" "$IN"
	assert_output "$(printf '%s\n%s\n%s' "$R1" "$R101" "$R101" | tr , '\t')"
	assert_equal "$stderr" ""
	# Detected as TSV too; a line of spaces is blank, and skipped.
	printf '5.1\t3.5\t1.4\t0.2\n  \n\t\t\t\n' >"$IN"
	run -0 --separate-stderr xgbp -v --no-header -m "$M" "$IN"
	assert_output "$(printf '%s\n%s' "$R1" "$R101" | tr , '\t')"
	[[ ${stderr_lines[0]} =~ ^"xgbp: 2 rows read, 2 written, 0 skipped, 1 blank lines skipped, 4 missing values, " ]]
}

@test "5. a bad row under --on-error nan keeps its -k and -a fields" {
	printf 'id,%s\nA,5.1,3.5,1.4,0.2\nB,5.1,x,1.4,0.2\n,6.3,3.3,6,2.5\nD,1,2\n"E,e",7,3.2,4.7,1.4,9\n' \
	    "$HEAD" >"$IN"
	run -0 --separate-stderr xgbp -q -k id -H --on-error nan -m "$M" "$IN"
	assert_output "id,prob_0,prob_1,prob_2
A,$R1
B,$NANS
,$R101
D,$NANS
\"E,e\",$NANS"
	assert_equal "$stderr" "xgbp: 3 rows written as nan"
	run -0 --separate-stderr xgbp -q -a -H --on-error nan -m "$M" "$IN"
	assert_output "id,$HEAD,prob_0,prob_1,prob_2
A,5.1,3.5,1.4,0.2,$R1
B,5.1,x,1.4,0.2,$NANS
,6.3,3.3,6,2.5,$R101
D,1,2,,,$NANS
\"E,e\",7,3.2,4.7,1.4,$NANS"
}

@test "5. an empty -k field keeps its column" {
	printf 'id,%s\n,5.1,3.5,1.4,0.2\n' "$HEAD" >"$IN"
	run -0 --separate-stderr xgbp -k id -H -m "$M" "$IN"
	assert_output "id,prob_0,prob_1,prob_2"$'\n'",$R1"
	run -0 --separate-stderr xgbp -k id,id -H -D '|' -m "$M" "$IN"
	assert_output "id|id|prob_0|prob_1|prob_2"$'\n'"||${R1//,/|}"
}

@test "8. -a with another output delimiter re-encodes the record" {
	printf 'id\tnote\t%s\n7\ta,b "c"\t5.1\t3.5\t1.4\t0.2\n' \
	    "$(xgbp --print-header -t -m "$M")" >"$IN"
	run -0 --separate-stderr xgbp -a -H -D , -m "$M" "$IN"
	assert_output "id,note,$HEAD,prob_0,prob_1,prob_2
7,\"a,b \"\"c\"\"\",5.1,3.5,1.4,0.2,$R1"
	# With the input's delimiter, byte for byte.
	run -0 xgbp -a -m "$M" "$IN"
	assert_output "$(printf '7\ta,b "c"\t5.1\t3.5\t1.4\t0.2\t%s' "${R1//,/	}")"
}

@test "8. header names keep their spaces" {
	local m
	m=$(model_named '" age","income ","c","d"')
	printf ' age,income ,c,d\n5.1,3.5,1.4,0.2\n' >"$IN"
	run -0 xgbp -m "$m" "$IN"
	assert_output "$R1"
	printf 'age,income,c,d\n5.1,3.5,1.4,0.2\n' >"$IN"
	run -1 --separate-stderr xgbp -m "$m" "$IN"
	assert_equal "$stderr" "xgbp: $IN:1: no column for feature \" age\"; line 1 was taken for a header, as field 1 (\"age\") is not a number: use --no-header if it is data"
	# Spaces around numbers are the one thing ignored.
	run -0 xgbp --no-header -m "$M" <<<" 5.1 ,	3.5,1.4 ,0.2	"
	assert_output "$R1"
	run -1 --separate-stderr xgbp --no-header -m "$M" <<<"5.1, ,1.4,0.2"
	assert_equal "$stderr" 'xgbp: <stdin>:1:2: not a number: " "'
}

@test "8. --info escapes a tab, line end or backslash in a name" {
	local m
	m=$(model_named '"a\\tb","c\\nd","e\\\\f","g"')
	run -0 xgbp --info -m "$m"
	assert_line 'feature	0	a\tb	q'
	assert_line 'feature	1	c\nd	q'
	assert_line 'feature	2	e\\f	q'
	assert_line 'feature	3	g	q'
}

@test "8. infinite values are bad, unless --missing names that infinity" {
	local v
	for v in inf -inf Infinity 1e400 3.5e38 -3.5e38; do
		run -1 --separate-stderr xgbp --no-header -m "$M" \
		    <<<"5.1,$v,1.4,0.2"
		assert_output ""
		assert_equal "$stderr" "xgbp: <stdin>:1:2: infinite, or too large for a float: \"$v\""
	done
	# The largest float is a value.
	run -0 xgbp --no-header -m "$M" <<<"5.1,3.4028235e38,1.4,0.2"
	# XGBoost 1.7.4 with missing=inf: inf (and what rounds to it) is
	# missing, -inf a value; with missing=-inf the other way round.
	run -0 --separate-stderr xgbp --no-header --missing inf -m "$M" \
	    <<<"5.1,-inf,1.4,0.2"$'\n'"5.1,inf,1.4,0.2"$'\n'"6.3,3.3,6,3.5e38"
	assert_output "$R1"$'\n'"$R1"$'\n'"$R101"
	assert_equal "$stderr" ""
	run -0 xgbp --no-header --missing -inf -m "$M" <<<"-inf,3.5,1.4,inf"
	assert_output "0.72939295,0.03145879,0.23914824"
}

@test "inputs of different delimiters: one output delimiter, the first's" {
	printf '5.1,3.5,1.4,0.2\n' >"$IN"
	printf '7\t"3.2"\t4.7\t1.4\n' >"$IN.tsv"
	run -0 xgbp -a -H -m "$M" "$IN" "$IN.tsv"
	assert_output "column_1,column_2,column_3,column_4,prob_0,prob_1,prob_2
5.1,3.5,1.4,0.2,$R1
7,3.2,4.7,1.4,$R51"
	run -0 xgbp -k 2 -m "$M" "$IN.tsv" "$IN"
	assert_output "$(printf '3.2\t%s\n3.5\t%s' "${R51//,/	}" "${R1//,/	}")"
}

@test "-H on an input of no line at all still writes the header" {
	run -0 --separate-stderr xgbp -H -m "$M" </dev/null
	assert_output "prob_0,prob_1,prob_2"
	printf '\n\n  \n' >"$IN"
	run -0 --separate-stderr xgbp -H -k 1 -m "$M" "$IN"
	assert_output "column_1,prob_0,prob_1,prob_2"
	assert_equal "$stderr" ""
}

@test "semicolons: a guessed delimiter that finds one column says so" {
	tr , ';' <"$IRIS/data.csv" >"$IN"
	run -1 --separate-stderr xgbp -m "$M" "$IN"
	assert_output ""
	assert_equal "$stderr" "xgbp: $IN:1: one field with ';' in it, no ',' or tab: separated by semicolons? Use -d ';'"
	same_as "$IRIS/pred.csv" -m "$M" -d ';' "$IN"
}

@test "a malformed first line stops at once: it decides the columns" {
	printf '"a"b,c,d,e\n5.1,3.5,1.4,0.2\n' >"$IN"
	run -1 --separate-stderr xgbp --on-error nan -m "$M" "$IN"
	assert_output ""
	assert_equal "$stderr" "xgbp: $IN:1:1: text after a closing quote in line 1, which decides the columns"
}

@test "usage errors: one line, and where help is" {
	run -2 --separate-stderr xgbp -m "$M" -j 0
	assert_output ""
	assert_equal "$stderr" "xgbp: -j: not a positive integer: \"0\"
Try 'xgbp --help'."
	run -2 --separate-stderr xgbp -m "$M" --on-error maybe
	assert_equal "$stderr" "xgbp: --on-error: not fail, skip or nan: \"maybe\"
Try 'xgbp --help'."
	run -2 --separate-stderr xgbp -m "$M" -k ''
	assert_equal "$stderr" "xgbp: -k: empty column: \"\"
Try 'xgbp --help'."
}

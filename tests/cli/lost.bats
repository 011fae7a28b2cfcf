#!/usr/bin/env bats
# Nothing lost (issue 6): for an input of N data rows the output has
# exactly N lines, in input order, each the prediction of its own row, or
# the run fails; whatever the row count (0, the batch of 256 rows xgbp
# scores at once, plus or minus one, random counts), wherever a chunk of
# input ends (64 KiB reads, 1 MiB chunks, a CRLF or a quoted line end cut
# in two), however slowly a pipe delivers, with any number of threads.
#
# Each row carries its number in an id column (passed through with -k) and
# the features of tuple id % 7, whose 7 predictions are known beforehand:
# a lost, repeated, reordered or shifted row cannot go unseen.

load helper

HEAD=id,f0,f1,f2,f3
MODEL=$DATA/xgb-3.4.1/reg_quantileerror_single/model.json

setup() {
	IN=$BATS_TEST_TMPDIR/in.csv
	REF=$BATS_TEST_TMPDIR/ref
	# The predictions of the 7 tuples, one line each.
	rows 7 | sed 1d | cut -d, -f2-5 | xgbp -m "$MODEL" --no-header \
	    >"$REF"
	[[ $(sort -u "$REF" | wc -l) -eq 7 ]]
}

# rows N [EOL [PAD [HPAD]]]: a header and N rows, ids 00001 to N, lines
# ended by EOL (default "\n"), with a last column "pad" holding PAD; the
# header's is named "pad" then HPAD.  A row is 30 bytes, PAD and EOL.
rows() {
	awk -v n="$1" -v eol="${2:-\n}" -v pad="${3-}" -v hpad="${4-}" '
	BEGIN {
		printf "%s,pad%s%s", "'"$HEAD"'", hpad, eol
		for (i = 1; i <= n; i++) {
			t = i % 7
			printf "%05d,%+.2f,%+.2f,%+.2f,%+.2f,%s%s", i,
			    -1.8 + t * 0.6, 1.2 - t * 0.4, -1.3 + t * 0.45,
			    0.6 - t * 0.25, pad, eol
		}
	}'
}

# byte FILE OFFSET: the byte at 1-based OFFSET of FILE, as od -c shows it.
byte() {
	head -c "$2" "$1" | tail -c 1 | od -An -c | tr -d ' '
}

# x N: N x's.
x() {
	printf '%*s' "$1" '' | tr ' ' x
}

# check N FILE: FILE holds exactly rows 1 to N, each "id,prediction" with
# the prediction of tuple id % 7.
check() {
	awk -F, -v n="$1" '
	FNR == NR { p[FNR % 7] = $0; next }
	{
		c++
		if ($1 != c) {
			printf "line %d: id %s\n", c, $1
			bad = 1
			exit
		}
		if (substr($0, length($1) + 2) != p[c % 7]) {
			printf "line %d: wrong prediction %s\n", c, $0
			bad = 1
			exit
		}
	}
	END {
		if (!bad && c != n)
			printf "%d lines, expected %d\n", c, n
		exit bad || c != n
	}' "$REF" "$2"
}

# score N [XGBP ARGS...]: xgbp -f 2-5 -k id with the ARGS succeeds
# and writes exactly its N rows.
score() {
	local n=$1
	shift
	xgbp -m "$MODEL" -f 2-5 -k id "$@" >"$BATS_TEST_TMPDIR/out"
	check "$n" "$BATS_TEST_TMPDIR/out"
}

# slowly SEED: copy stdin to stdout in pieces of 1 to 5000 bytes, with
# short pauses, as a slow pipe delivers.
slowly() {
	perl -e 'srand($ARGV[0]); $| = 1;
	    while (read(STDIN, $b, 1 + int(rand(5000)))) {
		    syswrite(STDOUT, $b) or exit 1;
		    select(undef, undef, undef, 0.002) if rand() < 0.05;
	    }' "$1"
}

@test "row counts around the batch size, plain and gzip, 1 and 4 threads" {
	local n j
	for n in 0 1 2 255 256 257 511 512 513 768 1000; do
		rows "$n" >"$IN"
		gzip -c "$IN" >"$IN.gz"
		for j in 1 4; do
			score "$n" -j "$j" "$IN"
			score "$n" -j "$j" "$IN.gz"
		done
	done
}

@test "random row counts, from stdin and through a slow pipe" {
	local seed=${XGBP_SEED:-$RANDOM} n k
	echo "# seed $seed (set XGBP_SEED to repeat)" >&3
	RANDOM=$seed
	for k in 1 2 3 4 5 6; do
		n=$((RANDOM % 3000))
		rows "$n" >"$IN"
		score "$n" -j 2 <"$IN"
		slowly "$k" <"$IN" | score "$n" -j 3
		gzip -c "$IN" | slowly "$k" | score "$n" --line-buffered
	done
}

@test "rows straddling every 64 KiB read and 1 MiB chunk" {
	# Rows of 97 bytes, so the boundaries fall anywhere in them.
	rows 40000 '\n' "$(x 66)" >"$IN"
	[[ $(wc -c <"$IN") -gt 3500000 ]]
	[[ $(sed -n 2p "$IN" | wc -c) -eq 97 ]]
	score 40000 "$IN"
	score 40000 -j 4 "$IN"
	slowly 7 <"$IN" | score 40000 -j 2
	gzip -c "$IN" | score 40000
}

@test "a CRLF cut in two at every 64 KiB boundary" {
	# A header of 65 bytes (1 mod 64) and rows of 64, CRLF included, put
	# a row's "\r" last in each 64 KiB of the file, its "\n" first in the
	# next.
	rows 40000 '\r\n' "$(x 32)" "$(x 45)" >"$IN"
	[[ $(head -n 1 "$IN" | wc -c) -eq 65 ]]
	[[ $(sed -n 2p "$IN" | wc -c) -eq 64 ]]
	[[ $(byte "$IN" 65536) == '\r' && $(byte "$IN" 65537) == '\n' ]]
	[[ $(byte "$IN" 1048576) == '\r' ]]
	score 40000 "$IN"
	score 40000 -j 4 "$IN"
	gzip -c "$IN" | score 40000 -j 2
}

@test "a quoted line end cut in two at every 64 KiB boundary" {
	# The same with the pad quoted, holding a CRLF of its own 45 bytes
	# into the row, and a header of 82 bytes (18 mod 64): that CRLF falls
	# on the boundaries.  Each record is two lines.
	rows 40000 '\r\n' "\"$(x 14)\r\n$(x 14)\"" "$(x 62)" >"$IN"
	[[ $(head -n 1 "$IN" | wc -c) -eq 82 ]]
	[[ $(sed -n 2,3p "$IN" | wc -c) -eq 64 ]]
	[[ $(byte "$IN" 65536) == '\r' && $(byte "$IN" 65537) == '\n' ]]
	[[ $(byte "$IN" 65535) == x ]]
	score 40000 "$IN"
	score 40000 -j 4 "$IN"
	slowly 3 <"$IN" | score 40000
	# A bad row deep inside is named by its first line: 2 + 2 * 30000.
	sed 's/^30001,[^,]*,/30001,x,/' "$IN" >"$BATS_TEST_TMPDIR/bad.csv"
	run -1 --separate-stderr xgbp -m "$MODEL" -f 2-5 -k id -j 4 \
	    "$BATS_TEST_TMPDIR/bad.csv"
	assert_equal "${#lines[@]}" 30000
	assert_equal "$stderr" "xgbp: $BATS_TEST_TMPDIR/bad.csv:60002:2: column \"f0\": not a number: \"x\""
}

@test "a bad row: exactly the rows before it are written, any threads" {
	local seed=${XGBP_SEED:-$RANDOM} k bad j id
	echo "# seed $seed (set XGBP_SEED to repeat)" >&3
	RANDOM=$seed
	rows 3000 >"$IN"
	for k in 1 2 3 4; do
		bad=$((RANDOM % 3000 + 1))
		printf -v id '%05d' "$bad"
		sed "s/^$id,[^,]*,/$id,?x,/" "$IN" >"$IN.bad"
		for j in 1 4; do
			run -1 --separate-stderr xgbp -m "$MODEL" -f 2-5 -k id \
			    -j "$j" "$IN.bad"
			printf '%s\n' "$output" | sed '/^$/d' \
			    >"$BATS_TEST_TMPDIR/out"
			check $((bad - 1)) "$BATS_TEST_TMPDIR/out"
			assert_equal "$stderr" "xgbp: $IN.bad:$((bad + 1)):2: column \"f0\": not a number: \"?x\""
		done
		# Skipped, it is the one row missing.
		run -0 --separate-stderr xgbp -m "$MODEL" -f 2-5 -k id \
		    --on-error=skip -j 3 "$IN.bad"
		assert_equal "${#lines[@]}" 2999
		printf '%s\n' "$output" | sed "$((bad - 1))q" \
		    >"$BATS_TEST_TMPDIR/out"
		check $((bad - 1)) "$BATS_TEST_TMPDIR/out"
	done
}

@test "several inputs: each one's rows, in order of the operands" {
	rows 300 >"$IN"
	rows 257 | sed '1!s/^\([0-9]*\),/X\1,/' >"$IN.2"
	xgbp -m "$MODEL" -f 2-5 -k id -j 3 "$IN" "$IN.2" - <"$IN" \
	    >"$BATS_TEST_TMPDIR/out"
	sed -n '1,300p' "$BATS_TEST_TMPDIR/out" >"$BATS_TEST_TMPDIR/a"
	check 300 "$BATS_TEST_TMPDIR/a"
	sed -n '301,557p' "$BATS_TEST_TMPDIR/out" | sed 's/^X//' \
	    >"$BATS_TEST_TMPDIR/b"
	check 257 "$BATS_TEST_TMPDIR/b"
	sed -n '558,$p' "$BATS_TEST_TMPDIR/out" >"$BATS_TEST_TMPDIR/c"
	check 300 "$BATS_TEST_TMPDIR/c"
}

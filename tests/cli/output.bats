#!/usr/bin/env bats
# Where -o puts the output.  A regular file, or none yet, is replaced only
# by a run that succeeds, keeping its mode, owner and group, its symbolic
# links (the file they lead to is replaced) and its hard links (the file
# is copied into).  Anything else, a device, a FIFO, /dev/fd/N, is written
# directly.  -o - is standard output; a name ending in .gz holds gzip.
# And -z --line-buffered makes each line decompressible as it is written.

load helper

setup() {
	MODEL=$IRIS/model.json
	IN=$IRIS/data.csv
	REF=$BATS_TEST_TMPDIR/ref
	BAD=$BATS_TEST_TMPDIR/bad.csv
	xgbp -m "$MODEL" "$IN" >"$REF"
	sed '3s/^4.9,3/4.9,x/' "$IN" >"$BAD"
	BADMSG="xgbp: $BAD:3:2: column \"sepal width (cm)\": not a number:"
	BADMSG+=' "x"'
	cd "$BATS_TEST_TMPDIR"
}

teardown() {
	exec 5>&-
	if [[ -n ${PID-} ]]; then
		kill "$PID" 2>/dev/null || true
	fi
	wait 2>/dev/null || true
	if [[ -n ${OTHER-} ]]; then
		rm -rf "$OTHER"
	fi
}

# no_tmp: no temporary file of xgbp's is left in the current directory.
no_tmp() {
	run ls -A
	refute_output --regexp '^\..*\.[A-Za-z0-9]{6}$'
}

# wait_gz FILE N: wait up to 10 s for FILE, gzip data perhaps cut short,
# to decompress to N lines.
wait_gz() {
	local i
	for i in $(seq 50); do
		[[ $(gzip -dc <"$1" 2>/dev/null | wc -l) -ge $2 ]] && return 0
		sleep 0.2
	done
	return 1
}

@test "-o a new file: the output, with the mode the umask gives" {
	umask 022
	run -0 --separate-stderr xgbp -m "$MODEL" -o new.csv "$IN"
	assert_output ""
	assert_equal "$stderr" ""
	cmp new.csv "$REF"
	umask 027
	run -0 xgbp -m "$MODEL" -o new640.csv "$IN"
	assert_equal "$(stat -c %a new.csv) $(stat -c %a new640.csv)" "644 640"
	no_tmp
}

@test "-o an existing file keeps its mode" {
	local m
	for m in 600 640 604 755 444; do
		echo old >"f$m"
		chmod "$m" "f$m"
		run -0 --separate-stderr xgbp -m "$MODEL" -o "f$m" "$IN"
		assert_equal "$stderr" ""
		cmp "f$m" "$REF"
		assert_equal "$(stat -c %a "f$m")" "$m"
	done
	no_tmp
}

@test "-o an existing file keeps its owner and group (as root)" {
	[[ $(id -u) -eq 0 ]] || skip "needs root"
	echo old >f
	chown 65534:65534 f
	chmod 640 f
	run -0 --separate-stderr xgbp -m "$MODEL" -o f "$IN"
	cmp f "$REF"
	assert_equal "$(stat -c %u:%g:%a f)" 65534:65534:640
}

@test "-o a file of a group we are not in: our group gets no access" {
	[[ $(id -u) -eq 0 ]] || skip "needs root to be someone else"
	# A directory nobody may write in, as BATS_TEST_TMPDIR is not.
	OTHER=$(mktemp -d /tmp/xgbp-out.XXXXXX)
	chmod 777 "$OTHER"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	    test -x "$XGBP" -a -r "$MODEL" -a -r "$IN" 2>/dev/null ||
	    skip "nobody cannot run $XGBP"
	echo old >"$OTHER/f"
	chown 0:0 "$OTHER/f"
	chmod 664 "$OTHER/f"
	run -0 --separate-stderr setpriv --reuid=65534 --regid=65534 \
	    --clear-groups "$XGBP" -m "$MODEL" -o "$OTHER/f" "$IN"
	assert_equal "$stderr" ""
	assert_equal "$(stat -c %u:%g:%a "$OTHER/f")" 65534:65534:604
	cmp "$OTHER/f" "$REF"
}

@test "-o a symbolic link: it stays a link, its target gets the output" {
	echo old >target
	chmod 600 target
	ln -s target link
	ln -s link link2	# a chain of links
	run -0 --separate-stderr xgbp -m "$MODEL" -o link2 "$IN"
	assert_equal "$stderr" ""
	[[ -L link && -L link2 && ! -L target ]]
	assert_equal "$(readlink link2) $(readlink link)" "link target"
	cmp target "$REF"
	assert_equal "$(stat -c %a target)" 600
	no_tmp
}

@test "-o a relative symbolic link in another directory" {
	mkdir -p a/b c
	echo old >c/target
	ln -s ../../c/target a/b/link
	ln -s b/link a/link	# relative to a/, not to the current directory
	run -0 --separate-stderr xgbp -m "$MODEL" -o a/link "$IN"
	assert_equal "$stderr" ""
	[[ -L a/link && -L a/b/link ]]
	cmp c/target "$REF"
	run ls -A a/b c
	refute_output --partial ".target."
	refute_output --partial ".link."
}

@test "-o a dangling symbolic link creates its target" {
	mkdir d
	ln -s d/made link
	run -0 --separate-stderr xgbp -m "$MODEL" -o link "$IN"
	assert_equal "$stderr" ""
	[[ -L link ]]
	assert_equal "$(readlink link)" d/made
	cmp d/made "$REF"
	ln -s nowhere/x dangling
	run -1 --separate-stderr xgbp -m "$MODEL" -o dangling "$IN"
	assert_output ""
	assert_equal "$stderr" "xgbp: dangling: No such file or directory"
}

@test "-o a file with hard links keeps them" {
	echo old >f
	ln f g
	run -0 --separate-stderr xgbp -m "$MODEL" -o f "$IN"
	assert_equal "$stderr" ""
	cmp f "$REF"
	cmp g "$REF"
	assert_equal "$(stat -c %i f)" "$(stat -c %i g)"
	assert_equal "$(stat -c %h f)" 2
	# Shorter output than the file's: nothing of the old one is left.
	head -c 100000 /dev/zero >>f
	run -0 xgbp -m "$MODEL" -z -o g "$IN"
	gzip -dc f | cmp - "$REF"
	no_tmp
}

@test "a failed run leaves the file, a link's target, a hard link untouched" {
	echo old >f
	echo old >target
	ln -s target link
	echo old >h
	ln h h2
	for o in f link h; do
		run -1 --separate-stderr xgbp -m "$MODEL" -o "$o" "$BAD"
		assert_output ""
		assert_equal "$stderr" "$BADMSG"
	done
	assert_equal "$(cat f target h h2)" "old
old
old
old"
	[[ -L link ]]
	no_tmp
}

@test "-o a FIFO writes into it" {
	mkfifo fifo
	timeout 10 cat fifo >got 3>&- &
	PID=$!
	run -0 --separate-stderr xgbp -m "$MODEL" -o fifo "$IN"
	assert_equal "$stderr" ""
	wait "$PID"
	PID=
	cmp got "$REF"
	[[ -p fifo ]]
	no_tmp
}

@test "-o a character device writes into it, never replaces it" {
	# As root, a device node of our own first: a regression then breaks
	# the test, not the machine's /dev/null.
	if [[ $(id -u) -eq 0 ]]; then
		mknod null c 1 3
		run -0 --separate-stderr xgbp -m "$MODEL" -o null "$IN"
		assert_equal "$stderr" ""
		[[ -c null ]]
		no_tmp
	fi
	run -0 --separate-stderr xgbp -m "$MODEL" -o /dev/null "$IN"
	assert_output ""
	assert_equal "$stderr" ""
	[[ -c /dev/null ]]
}

@test "-o >(cat >file): bash's process substitution, /dev/fd/N" {
	run -0 --separate-stderr xgbp -m "$MODEL" -o >(cat >got) "$IN"
	assert_output ""
	assert_equal "$stderr" ""
	wait $!		# the process substitution's cat
	cmp got "$REF"
	xgbp -m "$MODEL" -z -o >(gzip -dc >got.z) "$IN"
	wait $!
	cmp got.z "$REF"
}

@test "-o - and -o /dev/stdout write the standard output" {
	run -0 --separate-stderr xgbp -m "$MODEL" -o - "$IN"
	assert_equal "$stderr" ""
	assert_equal "$output" "$(cat "$REF")"
	[[ ! -e - ]]
	# A link of our own to the pipe first, as for /dev/null above.
	ln -s /proc/self/fd/1 stdout
	run -0 --separate-stderr xgbp -m "$MODEL" -o stdout "$IN"
	assert_equal "$stderr" ""
	assert_equal "$output" "$(cat "$REF")"
	[[ -L stdout ]]
	run -0 --separate-stderr xgbp -m "$MODEL" -o /dev/stdout "$IN"
	assert_equal "$stderr" ""
	assert_equal "$output" "$(cat "$REF")"
	no_tmp
}

@test "-o x.csv.gz holds gzip, with or without -z" {
	run -0 --separate-stderr xgbp -m "$MODEL" -o x.csv.gz "$IN"
	assert_equal "$stderr" ""
	gzip -t x.csv.gz
	gzip -dc x.csv.gz | cmp - "$REF"
	run -0 xgbp -m "$MODEL" -z -o y.csv.gz "$IN"
	gzip -dc y.csv.gz | cmp - "$REF"
	run -0 xgbp -m "$MODEL" -o z.csv "$IN"
	cmp z.csv "$REF"
}

@test "-o a file xgbp cannot make: one message, status 1" {
	mkdir dir
	run -1 --separate-stderr xgbp -m "$MODEL" -o dir "$IN"
	assert_output ""
	assert_equal "$stderr" "xgbp: dir: Is a directory"
	run -1 --separate-stderr xgbp -m "$MODEL" -o no/such/file "$IN"
	assert_output ""
	assert_equal "$stderr" "xgbp: no/such/file: No such file or directory"
	ln -s loop loop
	run -1 --separate-stderr xgbp -m "$MODEL" -o loop "$IN"
	assert_equal "$stderr" "xgbp: loop: Too many levels of symbolic links"
	run -1 --separate-stderr xgbp -m "$MODEL" -o /dev/full "$IN"
	assert_equal "$stderr" \
	    "xgbp: /dev/full: write error: No space left on device"
}

@test "-z --line-buffered: each line decompresses before the next row" {
	local j
	mkfifo in
	for j in 1 3; do
		# Opened for reading and writing, the FIFO never blocks us.
		exec 5<>in
		: >out.gz
		"$XGBP" -j "$j" -z --line-buffered -m "$MODEL" <in \
		    >out.gz 3>&- 5>&- &
		PID=$!
		head -n 2 "$IN" >&5	# the header and one row
		wait_gz out.gz 1
		run -0 kill -0 "$PID"	# still reading: input has not ended
		sed -n 52p "$IN" >&5
		wait_gz out.gz 2
		run -0 kill -0 "$PID"
		assert_equal "$(gzip -dc <out.gz 2>/dev/null)" \
		    "$(sed -n '1p; 51p' "$REF")"
		exec 5>&-
		wait "$PID"
		PID=
		gzip -t out.gz
	done
}

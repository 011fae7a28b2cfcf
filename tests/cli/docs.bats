#!/usr/bin/env bats
# The documentation agrees with the program: the man page is clean mdoc,
# every option is in the getopt table, the usage text, the man page and each
# shell completion, and every command in the man page's EXAMPLES runs.

load helper

MAN=$TOP/man/xgbp.1
MAIN=$TOP/cmd/main.c

# Long options of the getopt table, one per line.
long_options() {
	sed -n 's/^	{ "\([a-z-]*\)",.*/\1/p' "$MAIN"
}

# Short options of the getopt string, one per line.
short_options() {
	sed -n 's/^static const char shortopts\[\] = "\(.*\)";/\1/p' "$MAIN" |
	    tr -d : | fold -w 1
}

@test "the man page is clean mdoc" {
	run mandoc -T lint -W warning "$MAN"
	assert_success
	assert_output ""
}

@test "the option table is not empty" {
	run long_options
	assert_line "model"
	run short_options
	assert_line "m"
}

@test "every long option is in usage, man page and completions" {
	local usage missing= o
	usage=$(xgbp --help)
	for o in $(long_options); do
		grep -q -- "--$o" <<<"$usage" || missing+=" usage:--$o"
		grep -q -- "Fl \\\\-${o//-/\\\\-}" "$MAN" || missing+=" man:--$o"
		grep -q -- "--$o\\b" "$TOP/completions/xgbp.bash" ||
		    missing+=" bash:--$o"
		grep -q -- "--$o\\b" "$TOP/completions/_xgbp" ||
		    missing+=" zsh:--$o"
		grep -q -- "-l $o\\b" "$TOP/completions/xgbp.fish" ||
		    missing+=" fish:--$o"
	done
	assert_equal "$missing" ""
}

@test "every short option is in usage, man page and completions" {
	local usage missing= o
	usage=$(xgbp --help)
	for o in $(short_options); do
		grep -q -- "-$o, --" <<<"$usage" || missing+=" usage:-$o"
		grep -Eq -- "^\\.(It|Op) .*Fl [a-zA-Z]*$o" "$MAN" ||
		    missing+=" man:-$o"
		grep -q -- "-$o\\b" "$TOP/completions/xgbp.bash" ||
		    missing+=" bash:-$o"
		grep -q -- "-$o[+,]" "$TOP/completions/_xgbp" ||
		    missing+=" zsh:-$o"
		grep -q -- "-s $o\\b" "$TOP/completions/xgbp.fish" ||
		    missing+=" fish:-$o"
	done
	assert_equal "$missing" ""
}

@test "the usage synopsis is the man page's" {
	local man
	man=$(mandoc -T ascii -O width=200 "$MAN" | sed 's/.\x08//g' |
	    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' |
	    paste -sd ' ' | tr -s ' \t' ' ' | sed 's/^ //; s/ $//')
	run xgbp --help
	assert_equal "$(sed -n '1,/^$/p' <<<"$output" | sed 's/^usage: //' |
	    paste -sd ' ' | tr -s ' ' | sed 's/ $//')" "$man"
}

@test "every example command of the man page runs" {
	local dir=$BATS_TEST_TMPDIR/ex n=0 cmd
	mkdir -p "$dir/bin"
	ln -s "$XGBP" "$dir/bin/xgbp"
	cp "$TOP/examples/iris.json" "$TOP/examples/iris.csv" "$dir/"
	gzip -c "$TOP/examples/iris.json" >"$dir/iris.json.gz"
	tr , '\t' <"$TOP/examples/iris.csv" | gzip >"$dir/data.tsv.gz"
	tr , ';' <"$TOP/examples/iris.csv" >"$dir/semicolons.csv"
	sed '1s/^/label,/; 1!s/^/1,/' "$TOP/examples/iris.csv" \
	    >"$dir/labelled.csv"
	cp "$DATA/xgb-2.1.4/binary_logistic_bc/model.json" "$dir/bc.json"
	cp "$DATA/xgb-2.1.4/binary_logistic_bc/data.csv" "$dir/bc.csv"
	local cat=$DATA/xgb-1.7.4/categorical_multiclass_approx
	gzip -dc "$cat/model.json.gz" >"$dir/cat.json"
	python3 "$TOP/tests/tools/catnames.py" "$cat/manifest.json" \
	    "$cat/data.csv" "$dir/cats.json" "$dir/cat.csv"
	cp "$DATA/margin/poisson_exposure/model.json" "$dir/claims.json"
	cp "$DATA/margin/poisson_exposure/data.csv" "$dir/claims.csv"
	while IFS= read -r cmd; do
		n=$((n + 1))
		run env PATH="$dir/bin:$PATH" sh -c "cd '$dir' && $cmd"
		assert_success
	done < <(sed -n 's/^\.Dl //p' "$MAN" |
	    sed -e 's/\\&//g' -e 's/\\-/-/g' -e 's/\\e/\\/g')
	[ "$n" -ge 30 ]
	# The EXAMPLES section's own commands print something.
	run env PATH="$dir/bin:$PATH" sh -c "cd '$dir' && xgbp --info -m iris.json | awk -F '\t' '\$1 == \"trees\" { print \$2 }'"
	assert_output 24
}

@test "every option's entry in the man page shows an example" {
	local missing
	# Print the .It lines of the options list whose entry has no .Dl.
	missing=$(awk '/^\.Sh DESCRIPTION/ { d = 1 } /^\.Sh INPUT/ { d = 0 }
	    d && /^\.It / { if (it != "" && !ex) print it; it = $0; ex = 0 }
	    d && /^\.Dl / { ex = 1 }
	    d && /^\.El/ { if (it != "" && !ex) print it; it = "" }' "$MAN")
	assert_equal "$missing" ""
}

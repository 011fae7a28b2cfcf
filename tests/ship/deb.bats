#!/usr/bin/env bats
# The Debian packages `make deb` builds (issue 16), installed with dpkg
# into a staging root (dpkg --root), so the machine is left alone: the
# program scores the iris example as XGBoost does, and examples/embed.c
# builds against the installed static library through pkg-config.  Not
# part of make check: `make debcheck` builds the packages, then runs this
# file.

load ../cli/helper

setup_file() {
	export ROOT=$BATS_FILE_TMPDIR/root
	local debs
	debs=$(ls "$TOP"/xgbp_*.deb "$TOP"/libxgbp-dev_*.deb) || return 1
	mkdir -p "$ROOT/var/lib/dpkg/info" "$ROOT/var/lib/dpkg/updates"
	touch "$ROOT/var/lib/dpkg/status"
	# The staging root's database knows no libc6 or zlib1g: the machine's
	# serve the program, so their dependencies are not checked here.
	dpkg --root="$ROOT" --log=/dev/null --force-depends \
	    --force-script-chrootless -i $debs \
	    >"$BATS_FILE_TMPDIR/dpkg.log" 2>&1
}

@test "dpkg installs xgbp and libxgbp-dev, every file in its place" {
	run dpkg --root="$ROOT" -l xgbp libxgbp-dev
	assert_line --regexp "^ii  xgbp +$XGBP_VERSION "
	assert_line --regexp "^ii  libxgbp-dev:?[a-z0-9]* +$XGBP_VERSION "
	run dpkg --root="$ROOT" -L xgbp
	assert_line /usr/bin/xgbp
	assert_line /usr/share/man/man1/xgbp.1.gz
	assert_line /usr/share/bash-completion/completions/xgbp
	assert_line /usr/share/zsh/vendor-completions/_xgbp
	assert_line /usr/share/fish/vendor_completions.d/xgbp.fish
	run dpkg --root="$ROOT" -L libxgbp-dev
	assert_line /usr/include/xgbp.h
	assert_line --regexp '^/usr/lib/[^/]+/libxgbp\.a$'
	assert_line --regexp '^/usr/lib/[^/]+/pkgconfig/xgbp\.pc$'
	run "$ROOT/usr/bin/xgbp" --version
	assert_line -n 0 "xgbp $XGBP_VERSION"
}

@test "the installed xgbp scores the iris example as XGBoost" {
	"$ROOT/usr/bin/xgbp" -m "$TOP/examples/iris.json" "$IRIS/data.csv" \
	    >"$BATS_TEST_TMPDIR/got"
	run -0 "$F32CMP" -H "$BATS_TEST_TMPDIR/got" "$IRIS/pred.csv"
	"$ROOT/usr/bin/xgbp" -m "$TOP/examples/iris.json" \
	    -r 5.1,3.5,1.4,0.2 >"$BATS_TEST_TMPDIR/got"
	sed -n 1,2p "$IRIS/pred.csv" >"$BATS_TEST_TMPDIR/want"
	run -0 "$F32CMP" -H "$BATS_TEST_TMPDIR/got" "$BATS_TEST_TMPDIR/want"
}

@test "examples/embed.c builds against libxgbp-dev with pkg-config" {
	local pc flags
	pc=$(dirname "$(ls "$ROOT"/usr/lib/*/pkgconfig/xgbp.pc)")
	# The .pc file says prefix=/usr; it is under $ROOT here.  (Not
	# --define-prefix: it takes lib/<triplet>/pkgconfig for prefix/lib.)
	flags=$(PKG_CONFIG_PATH=$pc pkg-config \
	    --define-variable=prefix="$ROOT/usr" --cflags --libs xgbp)
	assert_equal "${flags% }" \
	    "-I$ROOT/usr/include -L${pc%/pkgconfig} -lxgbp -lm"
	cd "$BATS_TEST_TMPDIR"
	run cc -std=c99 -Wall -Wextra -o embed "$TOP/examples/embed.c" $flags
	assert_success
	assert_output ""
	sed 1d "$IRIS/data.csv" | ./embed "$TOP/examples/iris.json" >got
	run -0 "$F32CMP" -H got "$IRIS/pred.csv"
}

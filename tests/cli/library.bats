#!/usr/bin/env bats
# The library as others embed it: libxgbp.so.0 exports xgbp.h's functions
# and nothing else; --disable-shared builds libxgbp.a alone.  setup_file
# builds and installs once, in a copy of the tree with the default flags,
# whatever make asan or make valgrind gave the build under test (about
# 20 s on two cores).

load helper

# copy_tree DIR: the tree's sources, tracked or new but not ignored, into
# DIR; a plain copy less build products when the tree is no git checkout.
copy_tree() {
	if git -C "$TOP" rev-parse --git-dir >/dev/null 2>&1; then
		git -C "$TOP" ls-files -z -co --exclude-standard |
		    (cd "$TOP" && tar --null --ignore-failed-read -T - -cf -) |
		    tar -xf - -C "$1"
	else
		cp -R "$TOP/." "$1" && make -C "$1" distclean >/dev/null
	fi
}

# inmake ARGS...: make, free of the make that runs the tests.
inmake() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make "$@"
}

setup_file() {
	export SRC=$BATS_FILE_TMPDIR/src DEST=$BATS_FILE_TMPDIR/dest
	export LIBS=$BATS_FILE_TMPDIR/dest/usr/local/lib
	export PKG_CONFIG_PATH=$LIBS/pkgconfig
	mkdir "$SRC"
	copy_tree "$SRC"
	(cd "$SRC" && env -u CC -u CFLAGS -u CPPFLAGS -u LDFLAGS sh -c \
	    './configure && make -j2' && inmake -C "$SRC" install \
	    DESTDIR="$DEST") >"$BATS_FILE_TMPDIR/build.log" 2>&1 ||
	    echo "the build failed" >>"$BATS_FILE_TMPDIR/build.log"
}

# built: fail, showing the build's log, unless setup_file's build worked.
built() {
	if [[ ! -e $LIBS/libxgbp.so.$SOMAJOR ]] ||
	    grep -q '^the build failed$' "$BATS_FILE_TMPDIR/build.log"; then
		cat "$BATS_FILE_TMPDIR/build.log"
		return 1
	fi
}

@test "libxgbp.so.0 exports xgbp.h's XGBP_API functions, as xgbp.map lists" {
	local h=$TOP/lib/xgbp.h so=$TOP/lib/libxgbp.so.$SOMAJOR api

	if grep -q '^SHARED = no$' "$TOP/config.mk"; then
		skip "the build under test has no shared library"
	fi
	# Every function xgbp.h declares is XGBP_API.
	run sh -c "grep -E '^[A-Za-z].*[ *]xgbp_[a-z0-9_]+\(' '$h' |
	    grep -v '^XGBP_API '"
	assert_output ""
	api=$(sed -n 's/^XGBP_API.*[ *]\(xgbp_[a-z0-9_]*\)(.*/\1/p' "$h")
	[ "$(wc -l <<<"$api")" -eq "$(grep -c '^XGBP_API ' "$h")" ]
	# The version script lists them, in the header's order.
	run sed -n '/^global:$/,/^local:$/s/^	\([a-z0-9_]*\);$/\1/p' \
	    "$TOP/lib/xgbp.map"
	assert_output "$api"
	# The library exports them, versioned XGBP_0, and nothing else.
	run sh -c "nm -D --defined-only '$so' | awk '{ print \$2, \$3 }' |
	    LC_ALL=C sort"
	assert_output "$( { echo 'A XGBP_0'; printf 'T %s@@XGBP_0\n' $api; } |
	    LC_ALL=C sort)"
	run readelf -d "$so"
	assert_output --partial "Library soname: [libxgbp.so.$SOMAJOR]"
	[ "$(readlink "$so")" = "libxgbp.so.$XGBP_VERSION" ]
	[ "$(readlink "$TOP/lib/libxgbp.so")" = "libxgbp.so.$SOMAJOR" ]
}

@test "configure --disable-shared: libxgbp.a alone, and xgbp.pc says -lm" {
	local d=$BATS_TEST_TMPDIR flags

	built
	cp "$TOP/configure" "$d/"
	(cd "$d" && env -u CC -u CFLAGS sh ./configure --disable-shared) \
	    >"$d/log"
	grep -q '^SHARED = no$' "$d/config.mk"
	# What a --disable-shared build installs.
	inmake -s -C "$SRC" install DESTDIR="$d/dest" SHARED=no
	run ls "$d/dest/usr/local/lib"
	assert_output "libxgbp.a
pkgconfig"
	flags=$(PKG_CONFIG_PATH=$d/dest/usr/local/lib/pkgconfig \
	    pkg-config --define-prefix --libs xgbp)
	assert_equal "${flags% }" "-L$d/dest/usr/local/lib -lxgbp -lm"
}

#!/usr/bin/env bats
# Deployment: ./configure --enable-static gives a static xgbp that runs in
# an empty root laid out as the Dockerfile's FROM-scratch image; make
# install and uninstall put every file in its standard place under DESTDIR
# and PREFIX; examples/embed.c builds from the installed library through
# pkg-config.  setup_file builds once, in a copy of the tree, so the build
# under test is never touched (about 5 s on two cores).

load helper

# The static build runs with the default flags (make asan's sanitizers
# cannot link statically).
setup_file() {
	export SRC=$BATS_FILE_TMPDIR/src
	mkdir "$SRC"
	copy_tree "$SRC"
	clean_build "$SRC" --enable-static >"$BATS_FILE_TMPDIR/build.log" 2>&1 ||
	    echo "the static build failed" >>"$BATS_FILE_TMPDIR/build.log"
}

# built: fail, showing the build's log, unless setup_file's build worked.
built() {
	if [[ ! -x $SRC/cmd/xgbp ]] ||
	    grep -q '^the static build failed$' "$BATS_FILE_TMPDIR/build.log"
	then
		cat "$BATS_FILE_TMPDIR/build.log"
		return 1
	fi
}

# root_changer DIR: set ROOT_RUN to a command that runs its arguments with
# DIR as the root directory: chroot as root, as the image's user 65534,
# else unshare in a new user namespace; skip the test when neither can.
# Running a command that is not there tells whether the root could be
# changed (exit 127) without trusting the binary under test.
root_changer() {
	if [[ $(id -u) -eq 0 ]] &&
	    { chroot "$1" /nonexistent; [[ $? -eq 127 ]]; } 2>/dev/null; then
		ROOT_RUN=(chroot --userspec=65534:65534 "$1")
	elif { unshare -r --root="$1" /nonexistent; [[ $? -eq 127 ]]; } \
	    2>/dev/null; then
		ROOT_RUN=(unshare -r --root="$1")
	else
		local why="cannot change the root directory: neither chroot"
		skip "$why (as root) nor unshare -r --root works here"
	fi
}

# install_files DIR: every file and symbolic link under DIR, relative to
# it, sorted; a link as "NAME -> TARGET".
install_files() {
	(cd "$1" && find . \( -type f -printf '%P\n' \) -o \
	    \( -type l -printf '%P -> %l\n' \) | LC_ALL=C sort)
}

@test "configure --enable-static builds a static, stripped xgbp" {
	built
	run file "$SRC/cmd/xgbp"
	assert_output --regexp 'static(ally|-pie) linked'
	assert_output --partial ', stripped'
	run ldd "$SRC/cmd/xgbp"
	assert_failure
	assert_output --partial 'not a dynamic executable'
	# glibc's static binary is about 1 MB, musl's about 230 kB; debug
	# information or sections not dropped would make it several.
	[ "$(wc -c <"$SRC/cmd/xgbp")" -lt 1500000 ]
}

@test "the image's entrypoint runs in an empty root: the binary, the model" {
	local root=$BATS_TEST_TMPDIR/root entry

	built
	mkdir "$root"
	cp "$SRC/cmd/xgbp" "$root/xgbp"
	cp "$TOP/examples/iris.json" "$root/model.json"
	entry=$(sed -n 's/^ENTRYPOINT \[\(.*\)\]$/\1/p' "$TOP/Dockerfile" |
	    tr -d '",')
	assert_equal "$entry" "/xgbp -m /model.json"
	xgbp -m "$IRIS/model.json" "$IRIS/data.csv" >"$BATS_TEST_TMPDIR/want"
	root_changer "$root"
	run --separate-stderr "${ROOT_RUN[@]}" $entry <"$IRIS/data.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "$(cat "$BATS_TEST_TMPDIR/want")"
	# zlib is linked in: gzip on standard input.
	gzip -c "$IRIS/data.csv" >"$BATS_TEST_TMPDIR/data.csv.gz"
	run --separate-stderr "${ROOT_RUN[@]}" $entry -H -k 1 \
	    <"$BATS_TEST_TMPDIR/data.csv.gz"
	assert_success
	assert_equal "$stderr" ""
	assert_output "$(xgbp -H -k 1 -m "$IRIS/model.json" "$IRIS/data.csv")"
	# Messages need no locale files.
	run --separate-stderr "${ROOT_RUN[@]}" $entry /data.csv
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "xgbp: /data.csv: No such file or directory"
}

@test "make install puts each file in its place, make uninstall removes it" {
	local dest=$BATS_TEST_TMPDIR/dest

	built
	inmake -s -C "$SRC" install \
	    DESTDIR="$dest" PREFIX=/opt/xgbp
	run install_files "$dest"
	assert_output "opt/xgbp/bin/xgbp
opt/xgbp/include/xgbp.h
opt/xgbp/lib/libxgbp.a
opt/xgbp/lib/libxgbp.so -> libxgbp.so.$SOMAJOR
opt/xgbp/lib/libxgbp.so.$SOMAJOR -> libxgbp.so.$XGBP_VERSION
opt/xgbp/lib/libxgbp.so.$XGBP_VERSION
opt/xgbp/lib/pkgconfig/xgbp.pc
opt/xgbp/share/bash-completion/completions/xgbp
opt/xgbp/share/fish/vendor_completions.d/xgbp.fish
opt/xgbp/share/man/man1/xgbp.1
opt/xgbp/share/zsh/site-functions/_xgbp"
	[ -x "$dest/opt/xgbp/bin/xgbp" ]
	cmp "$TOP/lib/xgbp.h" "$dest/opt/xgbp/include/xgbp.h"
	cmp "$TOP/man/xgbp.1" "$dest/opt/xgbp/share/man/man1/xgbp.1"
	cmp "$TOP/completions/_xgbp" \
	    "$dest/opt/xgbp/share/zsh/site-functions/_xgbp"
	run grep -E '^(prefix|libdir|includedir|Cflags|Libs)' \
	    "$dest/opt/xgbp/lib/pkgconfig/xgbp.pc"
	assert_output 'prefix=/opt/xgbp
libdir=${prefix}/lib
includedir=${prefix}/include
Cflags: -I${includedir}
Libs: -L${libdir} -lxgbp
Libs.private: -lm'
	inmake -s -C "$SRC" uninstall \
	    DESTDIR="$dest" PREFIX=/opt/xgbp
	run install_files "$dest"
	assert_output ""
}

@test "examples/embed.c builds from the installed library with pkg-config" {
	local dest=$BATS_TEST_TMPDIR/dest cc flags m

	built
	inmake -s -C "$SRC" install \
	    DESTDIR="$dest"
	cc=$(sed -n 's/^CC = //p' "$SRC/config.mk")
	# The .pc file says /usr/local; --define-prefix finds it where it is.
	flags=$(PKG_CONFIG_PATH=$dest/usr/local/lib/pkgconfig \
	    pkg-config --define-prefix --cflags --libs xgbp)
	assert_equal "${flags% }" \
	    "-I$dest/usr/local/include -L$dest/usr/local/lib -lxgbp"
	cd "$BATS_TEST_TMPDIR"
	run $cc -std=c99 -Wall -Wextra -o embed "$TOP/examples/embed.c" $flags
	assert_success
	assert_output ""
	# -lxgbp is the shared library, found at run time as its soname.
	run readelf -d embed
	assert_output --partial "Shared library: [libxgbp.so.$SOMAJOR]"
	export LD_LIBRARY_PATH=$dest/usr/local/lib
	# XGBoost's predictions, to the float32 bit.
	sed 1d "$IRIS/data.csv" | ./embed "$IRIS/model.json" >got
	run "$F32CMP" -H got "$IRIS/pred.csv"
	assert_success
	m=$DATA/xgb-1.7.4/nan_heavy_exact
	gzip -dc "$m/model.json.gz" >nan.json
	sed 1d "$m/data.csv" | ./embed nan.json >got
	run "$F32CMP" -H got "$m/pred.csv"
	assert_success
	run --separate-stderr ./embed nan.json <<<'1,2,x'
	assert_failure 1
	assert_equal "$stderr" "embed: <stdin>:1: expected 10 numbers"
}

@test "one musl recipe: the Dockerfile and make image use build-aux/musl-deps" {
	# The build stage links with musl through configure --with-musl, which
	# runs the script; make image takes the Dockerfile's FROM scratch stage
	# and builds the same way (tests/ship/image.bats tests the image).
	run grep -c '^RUN ./configure --with-musl ' "$TOP/Dockerfile"
	assert_output 1
	run grep -c 'build-aux/musl-deps" "$musl"' "$TOP/configure"
	assert_output 1
	run grep -q './configure --with-musl="$$musl"' \
	    "$TOP/Makefile"
	assert_success
	run grep -l 'apt-get .*source --download-only zlib' \
	    "$TOP/build-aux/musl-deps"
	assert_success
	run sh -n "$TOP/build-aux/musl-deps"
	assert_success
	run sed -n '/^FROM scratch/,$p' "$TOP/Dockerfile"
	assert_line 'COPY --from=build /src/cmd/xgbp /xgbp'
	# CC=cc with --with-musl is refused before anything is built.
	cd "$BATS_TEST_TMPDIR"
	run -1 --separate-stderr sh "$TOP/configure" --with-musl CC=cc
	assert_equal "$stderr" \
	    "configure: error: --with-musl builds with musl-gcc, not CC=cc"
}

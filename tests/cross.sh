#!/bin/sh
# tests/cross.sh deps|build|check ARCH...: xgbp for another architecture.
#
# deps: install the cross compiler, zlib and qemu for each ARCH (.ci/run
# calls it first, to skip the ARM suites with a reason if they fail).
#
# build: cross-compile xgbp and the unit tests for each ARCH (arm64,
# armhf) with Debian's cross compiler, statically linked against zlib for
# that architecture (Debian multiarch, zlib1g-dev:ARCH), in a copy of the
# tree's sources in tests/cross/ARCH: the native build is left alone.
#
# check: build, then run the unit tests and tests/cli/fixtures.bats (every
# fixture and model format: margins, predictions, leaves and iteration
# ranges against XGBoost's own files in tests/data, to the float32 bit)
# with each program under qemu-user.  xgbp runs with -j 1: on the machine
# that develops xgbp, qemu-user hangs a program that waits on a pthread
# condition variable, and -j 1 scores in the main thread.
#
# As root, the packages are installed first (the architecture added to
# dpkg's); otherwise .ci/deps prints the command to run.  No binfmt_misc
# registration is needed: the static binaries are run by naming qemu.
cd "$(dirname "$0")/.." || exit 2
top=$PWD

usage() {
	echo "usage: sh tests/cross.sh deps|build|check ARCH..." \
	    "(ARCH: arm64 or armhf)" >&2
	exit 2
}

# triplet ARCH: the GNU triplet of Debian's cross compiler for ARCH;
# qemu ARCH: the qemu-user program that runs its binaries.
triplet() {
	case $1 in
	arm64) echo aarch64-linux-gnu ;;
	armhf) echo arm-linux-gnueabihf ;;
	*) echo "cross: unknown architecture \"$1\"" \
	    "(arm64 or armhf)" >&2; return 1 ;;
	esac
}

qemu() {
	case $1 in
	arm64) echo qemu-aarch64-static ;;
	armhf) echo qemu-arm-static ;;
	esac
}

# deps ARCH: the cross compiler, zlib for ARCH and qemu-user-static.
deps() {
	if command -v dpkg >/dev/null 2>&1 && test "$(id -u)" -eq 0 &&
	    test "$1" != "$(dpkg --print-architecture)" &&
	    ! dpkg --print-foreign-architectures | grep -qx "$1"; then
		echo "cross: dpkg --add-architecture $1"
		dpkg --add-architecture "$1" || return 1
	fi
	sh .ci/deps "gcc-$(triplet "$1")" "zlib1g-dev:$1" \
	    qemu-user-static file bats bats-assert bats-support
}

# build ARCH: configure and make the copy in tests/cross/ARCH.
build() {
	t=$(triplet "$1") || return 1
	deps "$1" || return 1
	d=tests/cross/$1
	rm -rf "$d"
	mkdir -p "$d"
	if git rev-parse --git-dir >/dev/null 2>&1; then
		git ls-files -z -co --exclude-standard |
		    tar --null --ignore-failed-read -T - -cf - |
		    tar -xf - -C "$d"
	else
		tar --exclude=./tests/cross -cf - . | tar -xf - -C "$d"
		env -u MAKEFLAGS make -C "$d" distclean >/dev/null
	fi
	echo "cross: building for $1 ($t-gcc) in $d"
	# -static in CFLAGS links the unit tests statically too: under
	# qemu-user here, a dynamically linked armhf program crashes in
	# pthread_create() and an arm64 one hangs in pthread_join().
	(cd "$d" && ./configure CC="$t-gcc" ZLIB_LIBS=-lz --enable-static \
	    --disable-shared CFLAGS="-O2 -ffunction-sections -fdata-sections \
	    -static" >configure.log) || {
		cat "$d/configure.log"
		return 1
	}
	# The comparison tool reads text and runs here, built natively.
	cc -O2 -o "$d/f32cmp" tests/tools/f32cmp.c -lm || return 1
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$d" -s \
	    AR="$t-ar" all $(ls tests/unit/test_*.c | sed 's/\.c$//')
}

# check ARCH: run the unit tests and the fixture tests under qemu.
check() {
	build "$1" || return 1
	d=$top/tests/cross/$1
	q=$(qemu "$1")
	# ./configure --enable-static works for the cross compiler too.
	if ! file "$d/cmd/xgbp" | grep -q 'statically linked'; then
		echo "cross: $d/cmd/xgbp is not statically linked"
		return 1
	fi
	printf '#!/bin/sh\nexec %s "%s/cmd/xgbp" -j 1 "$@"\n' "$q" "$d" \
	    >"$d/xgbp-qemu"
	chmod +x "$d/xgbp-qemu"
	echo "cross: $1: unit tests and fixtures under $q, xgbp -j 1"
	(cd "$d" && XGBP=$d/xgbp-qemu F32CMP=$d/f32cmp TEST_WRAPPER=$q \
	    BATS_FILES=tests/cli/fixtures.bats sh tests/run.sh \
	    $(ls tests/unit/test_*.c | sed 's/\.c$//'))
}

test $# -ge 2 || usage
cmd=$1
shift
case $cmd in
deps|build|check) ;;
*) usage ;;
esac
status=0
for a; do
	triplet "$a" >/dev/null || exit 2
done
for a; do
	start=$(date +%s)
	if $cmd "$a"; then
		echo "cross: $cmd $a: ok ($(($(date +%s) - start)) s)"
	else
		echo "cross: $cmd $a: FAILED ($(($(date +%s) - start)) s)"
		status=1
	fi
done
exit $status

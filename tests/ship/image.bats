#!/usr/bin/env bats
# The image `make image` builds (issue 16): FROM scratch, the musl static
# xgbp and the iris model, smaller than the 486 kB Go image it replaces,
# scoring as XGBoost does.  Not part of make check: `make imagecheck`
# builds the image, then runs this file.  Containers cannot run here, so
# the image's root, exported by podman, is run by chroot as deploy.bats
# runs the same layout.

load ../cli/helper

: "${IMAGE:=xgbp-iris}"

setup_file() {
	export ROOT=$BATS_FILE_TMPDIR/root
	local c
	mkdir "$ROOT"
	c=$(podman create "$IMAGE") || return 1
	podman export "$c" | tar -xf - -C "$ROOT"
	podman rm "$c" >/dev/null
}

# in_image ARGS...: run the image's entrypoint with ARGS in its root, as
# its user.
in_image() {
	local entry
	entry=$(podman image inspect --format \
	    '{{range .Config.Entrypoint}}{{.}} {{end}}' "$IMAGE")
	chroot --userspec=65534:65534 "$ROOT" $entry "$@"
}

@test "the image is under 486,000 bytes, its binary under 400,000" {
	local size
	size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
	echo "# $IMAGE: $size bytes" >&3
	[ "$size" -lt 486000 ]
	[ "$(wc -c <"$ROOT/xgbp")" -lt 400000 ]
	cmp "$TOP/examples/iris.json" "$ROOT/model.json"
	run ls -A "$ROOT"
	assert_output "model.json
xgbp"
	run file "$ROOT/xgbp"
	assert_output --regexp 'statically linked'
	run podman image inspect --format '{{.Config.User}}' "$IMAGE"
	assert_output "65534:65534"
}

@test "docker run --rm $IMAGE -r ...: the seed's one row, as XGBoost" {
	[[ $(id -u) -eq 0 ]] || skip "chroot needs root"
	run --separate-stderr in_image -r 5.1,3.5,1.4,0.2
	assert_success
	assert_equal "$stderr" ""
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/got"
	sed -n 1,2p "$IRIS/pred.csv" >"$BATS_TEST_TMPDIR/want"
	run -0 "$F32CMP" -H "$BATS_TEST_TMPDIR/got" "$BATS_TEST_TMPDIR/want"
}

@test "the image scores standard input, plain or gzip, as XGBoost" {
	[[ $(id -u) -eq 0 ]] || skip "chroot needs root"
	in_image <"$IRIS/data.csv" >"$BATS_TEST_TMPDIR/got"
	run -0 "$F32CMP" -H "$BATS_TEST_TMPDIR/got" "$IRIS/pred.csv"
	gzip -c "$IRIS/data.csv" | in_image --margin >"$BATS_TEST_TMPDIR/got"
	run -0 "$F32CMP" -H "$BATS_TEST_TMPDIR/got" "$IRIS/margin.csv"
	run --separate-stderr in_image -r 5.1,x,1.4,0.2
	assert_failure 1
	assert_equal "$stderr" 'xgbp: -r:1:2: not a number: "x"'
}

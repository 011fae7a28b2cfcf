# xgbp: one non-recursive Makefile (GNU make).  ./configure writes
# config.mk; `make check` and `make demo` run it themselves when needed.

-include config.mk

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man

# The version, from lib/xgbp.h's XGBP_VERSION_* lines.  (No '#' in the
# pattern: make 4.3 passes a '\#' inside $(shell) to awk as it is, and gawk
# warns of the escape.)
VERSION := $(shell awk '$$2 ~ /^XGBP_VERSION_(MAJOR|MINOR|PATCH)$$/ \
	{ v = v s $$3; s = "." } END { print v }' lib/xgbp.h)
VERSION_MAJOR = $(firstword $(subst ., ,$(VERSION)))

# The shared library: the file, its soname (which changes when the ABI
# breaks callers: with the major version), and the name -lxgbp links.
SHLIB = libxgbp.so.$(VERSION)
SONAME = libxgbp.so.$(VERSION_MAJOR)
SHLIB_ALL = $(if $(filter yes,$(SHARED)),lib/$(SHLIB) lib/$(SONAME) \
	lib/libxgbp.so)

BUILD_PKGS = zlib1g-dev libisal-dev
TEST_PKGS = $(BUILD_PKGS) bats bats-assert bats-support mandoc python3 \
	file parallel pkgconf g++ valgrind abigail-tools

LIB_SRC = lib/alloc.c lib/build.c lib/engine.c lib/engine_neon.c \
	lib/engine_x86.c lib/error.c lib/json.c lib/legacy.c \
	lib/load.c lib/number.c lib/ubjson.c \
	lib/objective.c lib/predict.c lib/shap.c
LIB_OBJ = $(LIB_SRC:.c=.o)
CMD_SRC = cmd/decide.c cmd/fmtfloat.c cmd/gzip.c cmd/info.c cmd/input.c \
	cmd/jsonl.c \
	cmd/libsvm.c cmd/main.c \
	cmd/output.c cmd/pipe.c cmd/rows.c cmd/score.c cmd/source.c \
	cmd/table.c cmd/util.c
CMD_OBJ = $(CMD_SRC:.c=.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:.c=)

# POSIX.1-2008, and a 64-bit off_t on 32-bit systems (glibc, musl 1.1),
# so that files of 2 GiB and more open, read and grow there too.
POSIXFLAGS = -D_POSIX_C_SOURCE=200809L -D_FILE_OFFSET_BITS=64
ALL_CFLAGS = $(WARNFLAGS) $(FPFLAGS) $(POSIXFLAGS) $(CFLAGS)
ALL_CPPFLAGS = -Ilib $(CPPFLAGS)
# gzip: zlib, and ISA-L's igzip when configure found it (cmd/gzip.c).
GZ_CFLAGS = $(ZLIB_CFLAGS) $(ISAL_CFLAGS)
GZ_LIBS = $(ISAL_LIBS) $(ZLIB_LIBS)

all: lib/libxgbp.a $(SHLIB_ALL) cmd/xgbp

config.mk: configure
	@sh .ci/deps $(BUILD_PKGS)
	./configure

# The library's objects, for both libraries and the program: compiled
# with LIB_CFLAGS (-fPIC -fvisibility=hidden where the compiler has them)
# and XGBP_BUILD, so that only what xgbp.h marks XGBP_API is visible.
LIB_COMPILE = $(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) $(ALL_CPPFLAGS) -DXGBP_BUILD
# lib/xgbp.map exports those functions, in version node XGBP_0.
SHLIB_LINK = $(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) \
	-Wl,--version-script=lib/xgbp.map

lib/libxgbp.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

lib/$(SHLIB): $(LIB_OBJ) lib/xgbp.map
	$(SHLIB_LINK) -o $@ $(LIB_OBJ) -lm

lib/$(SONAME): lib/$(SHLIB)
	ln -sf $(SHLIB) $@

lib/libxgbp.so: lib/$(SONAME)
	ln -sf $(SONAME) $@

$(LIB_OBJ): lib/xgbp.h lib/internal.h config.mk
lib/number.o: lib/pow5.h

lib/%.o: lib/%.c
	$(LIB_COMPILE) -c -o $@ $<

$(CMD_OBJ): lib/xgbp.h cmd/cmd.h cmd/fmtfloat.h config.mk

# The objects on the scoring path: tree walks, number parsing, fields,
# formatting, and the JSON reader, which loading a large model waits on.
# ./configure --with-musl builds the rest with -Os, for size, and these
# with HOT_CFLAGS (-O2) after it, as -Os slows them.
HOT_OBJ = lib/engine.o lib/engine_x86.o lib/predict.o lib/number.o \
	lib/json.o cmd/rows.o cmd/fmtfloat.o cmd/score.o
$(HOT_OBJ): ALL_CFLAGS += $(HOT_CFLAGS)

cmd/%.o: cmd/%.c
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -Icmd $(GZ_CFLAGS) \
	    $(PTHREAD_CFLAGS) -c -o $@ $<

# The program links the static library, so it runs from the build tree.
cmd/xgbp: $(CMD_OBJ) lib/libxgbp.a
	$(CC) $(CFLAGS) $(LDFLAGS) $(STATIC_LDFLAGS) -o $@ $(CMD_OBJ) \
	    lib/libxgbp.a \
	    $(GZ_LIBS) $(PTHREAD_LIBS) -lm

# Unit tests and the model corpus replay link lib/ and fmtfloat.c built
# once more, in tests/obj/, with the allocation-failure hook.  They call
# internal functions: hidden symbols link statically all the same.
HOOK_OBJ = $(LIB_SRC:%.c=tests/obj/%.o) tests/obj/cmd/fmtfloat.o

tests/obj/lib/%.o: lib/%.c lib/xgbp.h lib/internal.h config.mk
	@mkdir -p $(@D)
	$(LIB_COMPILE) -DXGBP_ALLOC_HOOKS -c -o $@ $<
tests/obj/lib/number.o: lib/pow5.h

tests/obj/cmd/fmtfloat.o: cmd/fmtfloat.c cmd/fmtfloat.h config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -Icmd -c -o $@ cmd/fmtfloat.c

# (Kept between runs: make would take them for intermediate files.)
.SECONDARY: $(HOOK_OBJ)

tests/unit/test_%: tests/unit/test_%.c tests/unit/unit.h $(HOOK_OBJ) \
    lib/xgbp.h lib/internal.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -Icmd -DXGBP_ALLOC_HOOKS \
	    $(PTHREAD_CFLAGS) -o $@ $< $(HOOK_OBJ) $(PTHREAD_LIBS) -lm

# The record splitter is the program's: its objects, not the library's.
tests/unit/test_split: tests/unit/test_split.c tests/unit/unit.h $(CMD_OBJ) \
    lib/libxgbp.a
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -Icmd $(PTHREAD_CFLAGS) $(LDFLAGS) \
	    -o $@ $< $(filter-out cmd/main.o,$(CMD_OBJ)) lib/libxgbp.a \
	    $(GZ_LIBS) $(PTHREAD_LIBS) -lm

tests/tools/f32cmp: tests/tools/f32cmp.c config.mk
	$(CC) $(ALL_CFLAGS) -o $@ $< -lm

# The library alone, printing as the program does, to compare the two.
tests/tools/libscore: tests/tools/libscore.c cmd/fmtfloat.o lib/libxgbp.a
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -Icmd $(LDFLAGS) -o $@ $< \
	    cmd/fmtfloat.o lib/libxgbp.a -lm

# Fuzzing (tests/fuzz/): each target NAME is fuzz_NAME.c.  replay_NAME,
# built with $(CC), feeds it corpus/NAME and regress/NAME in `make check`;
# fuzz_NAME, built with clang and libFuzzer, is what `make fuzz` runs for
# FUZZTIME seconds each, keeping new inputs in tests/fuzz/grown/NAME and
# crashes in tests/fuzz/findings/ (copy a fixed one into regress/NAME).
FUZZ_TARGETS = model rows
FUZZ_BIN = $(FUZZ_TARGETS:%=tests/fuzz/fuzz_%)
REPLAY_BIN = $(FUZZ_TARGETS:%=tests/fuzz/replay_%)
FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all
FUZZTIME = 60
FUZZ_OPTS = -close_fd_mask=3 -rss_limit_mb=4096 -timeout=20 \
	-print_final_stats=1

tests/fuzz/replay_model: tests/fuzz/replay.c tests/fuzz/fuzz_model.c \
    $(HOOK_OBJ) lib/xgbp.h lib/internal.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -DXGBP_ALLOC_HOOKS \
	    -DFUZZ_NAME='"model"' -o $@ tests/fuzz/replay.c \
	    tests/fuzz/fuzz_model.c $(HOOK_OBJ) -lm

tests/fuzz/replay_rows: tests/fuzz/replay.c tests/fuzz/fuzz_rows.c \
    $(CMD_OBJ) lib/libxgbp.a
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -Icmd $(GZ_CFLAGS) \
	    $(PTHREAD_CFLAGS) $(LDFLAGS) $(STATIC_LDFLAGS) \
	    -DFUZZ_NAME='"rows"' -o $@ \
	    tests/fuzz/replay.c tests/fuzz/fuzz_rows.c \
	    $(filter-out cmd/main.o,$(CMD_OBJ)) lib/libxgbp.a \
	    $(GZ_LIBS) $(PTHREAD_LIBS) -lm

# The fuzzers' objects, instrumented, in tests/fuzz/obj: built once each,
# as some take clang minutes.
FUZZ_LIB_OBJ = $(LIB_SRC:%.c=tests/fuzz/obj/%.o)
FUZZ_CMD_OBJ = $(patsubst %.c,tests/fuzz/obj/%.o,$(filter-out cmd/main.c,\
	$(CMD_SRC)))
FUZZ_ALL_CFLAGS = $(WARNFLAGS) $(FPFLAGS) $(POSIXFLAGS) \
	$(subst fuzzer,fuzzer-no-link,$(FUZZ_CFLAGS)) $(ALL_CPPFLAGS)

tests/fuzz/obj/lib/%.o: lib/%.c lib/xgbp.h lib/internal.h config.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_ALL_CFLAGS) $(FUZZ_FILE_CFLAGS) -DXGBP_ALLOC_HOOKS \
	    -c -o $@ $<
tests/fuzz/obj/lib/number.o: lib/pow5.h
# clang 14 takes over 20 minutes to compile the unrolled vector walkers
# with UBSan (a minute with ASan alone); make asan's UBSan (gcc) covers
# them.
tests/fuzz/obj/lib/engine_x86.o: FUZZ_FILE_CFLAGS = -fno-sanitize=undefined

tests/fuzz/obj/cmd/%.o: cmd/%.c lib/xgbp.h cmd/cmd.h cmd/fmtfloat.h \
    config.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_ALL_CFLAGS) $(FUZZ_FILE_CFLAGS) -Icmd \
	    $(GZ_CFLAGS) $(PTHREAD_CFLAGS) -c -o $@ $<

tests/fuzz/fuzz_model: tests/fuzz/fuzz_model.c $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(FUZZ_ALL_CFLAGS) $(FUZZ_CFLAGS) -DXGBP_ALLOC_HOOKS \
	    -o $@ tests/fuzz/fuzz_model.c $(FUZZ_LIB_OBJ) -lm

tests/fuzz/fuzz_rows: tests/fuzz/fuzz_rows.c cmd/main.c $(FUZZ_CMD_OBJ) \
    $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(FUZZ_ALL_CFLAGS) $(FUZZ_CFLAGS) -Icmd \
	    $(GZ_CFLAGS) $(PTHREAD_CFLAGS) -o $@ tests/fuzz/fuzz_rows.c \
	    $(FUZZ_CMD_OBJ) $(FUZZ_LIB_OBJ) $(GZ_LIBS) \
	    $(PTHREAD_LIBS) -lm

fuzz: $(FUZZ_BIN)
	@set -e; for t in $(FUZZ_TARGETS); do \
		mkdir -p tests/fuzz/grown/$$t tests/fuzz/findings; \
		echo "fuzz_$$t: $(FUZZTIME) s"; \
		tests/fuzz/fuzz_$$t $(FUZZ_OPTS) -max_total_time=$(FUZZTIME) \
		    -dict=tests/fuzz/$$t.dict \
		    -artifact_prefix=tests/fuzz/findings/$$t- \
		    tests/fuzz/grown/$$t tests/fuzz/corpus/$$t \
		    $$(ls -d tests/fuzz/regress/$$t 2>/dev/null); \
	done

TEST_TOOLS = tests/tools/f32cmp tests/tools/libscore

check: test-deps all $(UNIT_BIN) $(REPLAY_BIN) $(TEST_TOOLS)
	@XGBP=$(CURDIR)/cmd/xgbp sh tests/run.sh $(UNIT_BIN) $(REPLAY_BIN)

# copy_tree DIR: copies the tree's sources into the directory DIR, which
# exists: from a git checkout the tracked files and the new ones not
# ignored; from an unpacked tarball all, less what `make distclean` removes.
copy_tree = if git rev-parse --git-dir >/dev/null 2>&1; then \
		git ls-files -z -co --exclude-standard | \
		    tar --null --ignore-failed-read -T - -cf - | \
		    tar -xf - -C $(1); \
	else \
		cp -R . $(1) && $(MAKE) -C $(1) distclean >/dev/null; \
	fi

# `make asan`: `make check` with the sanitizers, built once with gcc and
# once with clang (ASAN_CCS), each in a copy of the tree's sources
# (tracked, or new and not ignored) in a temporary directory, so the
# normal build's objects are left alone.  The two check different things:
# clang's UBSan catches arithmetic on a NULL pointer (pointer-overflow),
# which gcc's lets pass.  Any report fails the test it happens in.  A copy
# is removed when all pass, kept to look at if not.
ASAN_CFLAGS = -g -O1 -fsanitize=address,undefined,pointer-overflow \
	-fno-sanitize-recover=all
# The clang run builds gzip with zlib alone (ASAN_ZLIB_CC), the others
# with what configure found (ISA-L when installed), so CI tests both.
ASAN_CCS = gcc clang
ASAN_ZLIB_CC = clang
asan:
	@sh .ci/deps gcc clang libclang-rt-14-dev
	@set -e; for cc in $(ASAN_CCS); do \
		$(MAKE) --no-print-directory asan-one ASAN_CC=$$cc; done

asan-one:
	@set -e; d=$$(mktemp -d "$${TMPDIR:-/tmp}/xgbp-asan.XXXXXX"); \
	$(call copy_tree,"$$d"); \
	if test -f config.mk; then cp config.mk "$$d"; fi; \
	if test "$(ASAN_CC)" = "$(ASAN_ZLIB_CC)" && test -f config.mk; then \
		sed -i 's/^ISAL_\(CFLAGS\|LIBS\) = .*/ISAL_\1 =/' \
		    "$$d/config.mk"; fi; \
	echo "make asan: $(ASAN_CC), in $$d"; \
	if (cd "$$d" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    UBSAN_OPTIONS=print_stacktrace=1 $(MAKE) --no-print-directory \
	    check CC=$(ASAN_CC) CFLAGS='$(ASAN_CFLAGS)'); then rm -rf "$$d"; \
	else echo "make asan: $(ASAN_CC) failed; the build is in $$d"; \
	exit 1; fi

# `make valgrind`: the suite (unit tests, corpus replays, CLI tests) with
# every program under valgrind; any error or leak fails its test.
valgrind: test-deps all $(UNIT_BIN) $(REPLAY_BIN) $(TEST_TOOLS)
	@XGBP=$(CURDIR)/tests/tools/vgxgbp TEST_WRAPPER=tests/tools/vg \
	    VG_TOOL=$(CURDIR)/tests/tools/vg VG_XGBP=$(CURDIR)/cmd/xgbp \
	    sh tests/run.sh $(UNIT_BIN) $(REPLAY_BIN)

# `make abicheck`: the ABI of libxgbp.so.$(VERSION_MAJOR) against the
# last release's, lib/xgbp.abi, by libabigail's abidiff (tests/tools/
# abicheck says what fails: any change but added functions, unless the
# soname changed too).  The types come from debug information, so the
# check links its own copy of the shared library, tests/abi/$(SONAME),
# from the same sources and version script with -g (at -O0: the layout is
# the same, the build quicker); library.bats runs it in `make check`.
# On a release whose ABI differs (new functions, or a break with a new
# soname), refresh the baseline with `make abi-baseline` and commit
# lib/xgbp.abi.
ABI_OBJ = $(LIB_SRC:%.c=tests/abi/%.o)
ABIDW_FLAGS = --header-file lib/xgbp.h --drop-private-types \
	--exported-interfaces-only --no-corpus-path --no-comp-dir-path

tests/abi/lib/%.o: lib/%.c lib/xgbp.h lib/internal.h config.mk
	@mkdir -p $(@D)
	$(CC) $(WARNFLAGS) $(FPFLAGS) -D_POSIX_C_SOURCE=200809L $(LIB_CFLAGS) \
	    -g -O0 $(ALL_CPPFLAGS) -DXGBP_BUILD -c -o $@ $<
tests/abi/lib/number.o: lib/pow5.h

tests/abi/$(SONAME): $(ABI_OBJ) lib/xgbp.map
	$(CC) -g $(LDFLAGS) -shared -Wl,-soname,$(SONAME) \
	    -Wl,--version-script=lib/xgbp.map -o $@ $(ABI_OBJ) -lm

abicheck: tests/abi/$(SONAME)
	@sh .ci/deps abigail-tools
	@sh tests/tools/abicheck lib/xgbp.abi tests/abi/$(SONAME)

abi-baseline: tests/abi/$(SONAME)
	@sh .ci/deps abigail-tools
	abidw $(ABIDW_FLAGS) --out-file lib/xgbp.abi tests/abi/$(SONAME)

# `make bench` (not part of check; minutes): xgbp against XGBoost's C API
# on a generated HIGGS-like file and model, cached in tests/bench/cache/.
bench: all tests/tools/f32cmp
	@CC='$(CC)' CFLAGS='$(CFLAGS)' sh tests/bench/bench.sh

# `make soak` (not part of check; 20 minutes or so): tests/rowgen.py's
# random inputs, SOAK_CASES of them and a fiftieth as many --invariant
# ones, with SEED (default: random, printed first); failures kept in
# tests/soak/.
SOAK_CASES = 100000
soak: all
	@seed=$(or $(SEED),$$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')); \
	echo "make soak: SEED=$$seed SOAK_CASES=$(SOAK_CASES)"; s=0; \
	python3 tests/rowgen.py --xgbp cmd/xgbp --keep tests/soak \
	    --seed $$seed --cases $(SOAK_CASES) || s=1; \
	python3 tests/rowgen.py --xgbp cmd/xgbp --keep tests/soak \
	    --seed $$seed --cases $$(($(SOAK_CASES) / 50)) --invariant || s=1; \
	exit $$s

# `make diffcheck` (not part of check; about 4 minutes): xgbp against
# Debian's XGBoost 1.7.4 on a random model per seed in SEEDS (A:B), scored
# and explained on rows at the edges of its splits, bit for bit (SHAP
# values within XGBoost's own error); a reproducer for each disagreement
# in tests/diffcheck/out/.  DIFFCHECK_FLAGS: more options of
# tests/diffcheck/diffcheck.py, such as --jobs 2 or --minutes 45.
SEEDS = 0:63
diffcheck: all
	@sh .ci/deps python3-xgboost python3-numpy
	@/usr/bin/python3 tests/diffcheck/diffcheck.py --xgbp cmd/xgbp \
	    --seeds $(SEEDS) --out tests/diffcheck/out $(DIFFCHECK_FLAGS)

# `make dist`: xgbp-$(VERSION).tar.gz, the files git tracks (as they are
# in the work tree) under xgbp-$(VERSION)/, less those a user needs not
# to build, test and install: .gitignore, and the scratch directories
# tests/fuzz/grown, tests/fuzz/findings and tests/bench/cache should any
# file there be tracked.  The archive is reproducible: sorted names, owner
# 0, and the time of the last commit.  It needs a git checkout.
DISTNAME = xgbp-$(VERSION)
DIST_EXCLUDE = ^\.gitignore$$|^tests/fuzz/(grown|findings)/|^tests/bench/cache/

dist:
	@git rev-parse --git-dir >/dev/null 2>&1 || \
	    { echo "make dist: not a git checkout" >&2; exit 1; }
	@rm -f $(DISTNAME).tar.gz
	git ls-files | grep -Ev '$(DIST_EXCLUDE)' | \
	    LC_ALL=C tar -cf - --no-recursion --sort=name --owner=0 \
	    --group=0 --numeric-owner --mtime=@$$(git log -1 --format=%ct) \
	    --transform 's,^,$(DISTNAME)/,' -T - | gzip -9n >$(DISTNAME).tar.gz
	@echo "make dist: $(DISTNAME).tar.gz, $$(tar -tzf $(DISTNAME).tar.gz | \
	    grep -vc '/$$') files, $$(wc -c <$(DISTNAME).tar.gz) bytes"

# `make distcheck` (not part of check; the whole suite, 15 minutes or
# so): unpack the tarball in a temporary directory and there run
# ./configure, make, make check, make install DESTDIR=..., then make
# uninstall, which must leave no file behind.  The directory is removed
# when all pass, kept to look at if not.
distcheck: dist
	@set -e; d=$$(mktemp -d "$${TMPDIR:-/tmp}/xgbp-distcheck.XXXXXX"); \
	echo "make distcheck: in $$d"; \
	tar -xzf $(DISTNAME).tar.gz -C "$$d"; \
	if ! (cd "$$d/$(DISTNAME)" && unset MAKEFLAGS MFLAGS MAKELEVEL && \
	    ./configure && make && make check && \
	    make install DESTDIR="$$d/dest" && \
	    test -x "$$d/dest/usr/local/bin/xgbp" && \
	    "$$d/dest/usr/local/bin/xgbp" --version && \
	    make uninstall DESTDIR="$$d/dest"); then \
		echo "make distcheck: failed; the build is in $$d" >&2; \
		exit 1; \
	fi; \
	left=$$(find "$$d/dest" ! -type d); \
	if test -n "$$left"; then \
		echo "make distcheck: make uninstall left:" >&2; \
		echo "$$left" >&2; exit 1; \
	fi; \
	rm -rf "$$d"; \
	echo "make distcheck: $(DISTNAME).tar.gz is ready"

# `make image` (not part of check; a minute or so): the musl static xgbp,
# built in a copy of the tree by ./configure --with-musl=$(MUSL_DIR)
# (build-aux/musl-deps builds zlib for musl there once and keeps it),
# then the Dockerfile's FROM scratch stage, with that binary for the
# build stage's and MODEL as the model, built by podman and tagged
# $(IMAGE); prints its size in bytes as podman reports it.  The build
# stage itself needs debian:bookworm-slim, which podman may be unable to
# pull; its commands are the ones run here.  `make imagecheck` then runs
# tests/ship/image.bats on the image: its size, and its root, exported,
# run by chroot against XGBoost's predictions.
#
# With ARCH=arm64 or ARCH=armhf, the image is for that architecture
# (podman build --arch), tagged xgbp-iris-ARCH, and its binary the static
# one of `make cross ARCH=...`: linked with glibc, as Debian has no musl
# cross compiler for the ship recipe to build with.  Nothing in it is run
# here; `make cross-check` tests that binary under qemu.
IMAGE = xgbp-iris$(if $(ARCH),-$(ARCH))
MODEL = examples/iris.json
MUSL_DIR = musl

image:
	@sh .ci/deps podman
	@set -e; d=$$(mktemp -d "$${TMPDIR:-/tmp}/xgbp-image.XXXXXX"); \
	mkdir "$$d/src" "$$d/ctx"; \
	$(call copy_tree,"$$d/src"); \
	if test -n "$(ARCH)"; then \
		sh tests/cross.sh build $(ARCH) >/dev/null; \
		cp tests/cross/$(ARCH)/cmd/xgbp "$$d/ctx/xgbp"; \
		kind="$(ARCH), glibc, static"; arch="--arch $(ARCH)"; \
	else \
		mkdir -p $(MUSL_DIR); musl=$$(cd $(MUSL_DIR) && pwd); \
		(cd "$$d/src" && unset MAKEFLAGS MFLAGS MAKELEVEL && \
		    ./configure --with-musl="$$musl" >/dev/null && \
		    make cmd/xgbp >/dev/null); \
		cp "$$d/src/cmd/xgbp" "$$d/ctx/xgbp"; \
		kind="musl, static"; arch=; \
	fi; \
	cp $(MODEL) "$$d/ctx/model"; \
	sed -n '/^FROM scratch/,$$p' Dockerfile | \
	    sed 's|^COPY --from=build /src/cmd/xgbp |COPY xgbp |' \
	    >"$$d/ctx/Containerfile"; \
	podman build -q $$arch --build-arg MODEL=model -t $(IMAGE) \
	    "$$d/ctx" >/dev/null; \
	echo "make image: cmd/xgbp ($$kind) $$(wc -c <"$$d/ctx/xgbp")" \
	    "bytes, $(MODEL) $$(wc -c <$(MODEL)) bytes"; \
	echo "make image: $(IMAGE) $$(podman image inspect --format \
	    '{{.Size}}' $(IMAGE)) bytes (podman image inspect)"; \
	rm -rf "$$d"

imagecheck: image tests/tools/f32cmp
	@if test -n "$(ARCH)"; then echo "make imagecheck: runs the" \
	    "image's binary here, so not for ARCH=$(ARCH)" >&2; exit 1; fi
	@sh .ci/deps $(TEST_PKGS)
	@XGBP=$(CURDIR)/cmd/xgbp IMAGE=$(IMAGE) bats tests/ship/image.bats

# `make deb` (not part of check; a minute or so): the Debian packages of
# debian/, xgbp and libxgbp-dev, built by dpkg-buildpackage -us -uc -b in
# a copy of the tree (it writes its .deb files beside the tree it builds),
# copied here, then checked by lintian, which must report no error.
# `make debcheck` then runs tests/ship/deb.bats: the packages installed
# with dpkg into a staging root, the program scoring the iris example,
# examples/embed.c built through pkg-config.
DEB_PKGS = dpkg-dev debhelper fakeroot lintian

deb:
	@sh .ci/deps $(DEB_PKGS) $(BUILD_PKGS)
	@set -e; d=$$(mktemp -d "$${TMPDIR:-/tmp}/xgbp-deb.XXXXXX"); \
	mkdir "$$d/xgbp"; \
	$(call copy_tree,"$$d/xgbp"); \
	(cd "$$d/xgbp" && unset MAKEFLAGS MFLAGS MAKELEVEL && \
	    dpkg-buildpackage -us -uc -b >"$$d/build.log" 2>&1) || \
	    { tail -n 30 "$$d/build.log"; \
	    echo "make deb: failed; the build is in $$d" >&2; exit 1; }; \
	rm -f xgbp_*.deb libxgbp-dev_*.deb; \
	cp "$$d"/*.deb .; rm -rf "$$d"; \
	ls -l xgbp_*.deb libxgbp-dev_*.deb; \
	lintian --fail-on error xgbp_*.deb libxgbp-dev_*.deb

debcheck: deb tests/tools/f32cmp
	@sh .ci/deps $(TEST_PKGS)
	@XGBP=$(CURDIR)/cmd/xgbp bats tests/ship/deb.bats

# `make cross ARCH=arm64` (or ARCH=armhf; without ARCH, both): xgbp and
# the unit tests built with Debian's cross compiler, statically against
# zlib for that architecture, in a copy of the sources in tests/cross/ARCH;
# `make cross-check` also runs them and tests/cli/fixtures.bats under
# qemu-user, xgbp with -j 1 (tests/cross.sh says why).  As root, both
# install what they need.  Not part of check: it takes minutes.
CROSS_ARCHES = arm64 armhf
cross:
	@sh tests/cross.sh build $(or $(ARCH),$(CROSS_ARCHES))

cross-check:
	@sh tests/cross.sh check $(or $(ARCH),$(CROSS_ARCHES))

test-deps:
	@sh .ci/deps $(TEST_PKGS)

demo:
	@sh .ci/deps $(BUILD_PKGS)
	@test -f config.mk || ./configure
	@$(MAKE) --no-print-directory all
	@echo
	@echo '$$ cmd/xgbp -H -m examples/iris.json examples/iris.csv'
	@cmd/xgbp -H -m examples/iris.json examples/iris.csv

# xgbp.pc names directories under PREFIX from ${prefix}, so that
# `pkg-config --define-prefix` finds a copy installed with DESTDIR.  -lxgbp
# links the shared library, which brings libm itself; -lm is for static
# links (pkg-config --static), or for every link without a shared library.
PC_LIBDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))
PC_INCLUDEDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))
PC_LIBS = $(if $(filter yes,$(SHARED)),, -lm)
PC_LIBS_PRIVATE = $(if $(filter yes,$(SHARED)), -lm)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
	    $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(DATADIR)/bash-completion/completions \
	    $(DESTDIR)$(DATADIR)/zsh/site-functions \
	    $(DESTDIR)$(DATADIR)/fish/vendor_completions.d
	cp -f cmd/xgbp $(DESTDIR)$(BINDIR)/xgbp
	cp -f lib/libxgbp.a $(DESTDIR)$(LIBDIR)/libxgbp.a
ifeq ($(SHARED),yes)
# A new file, not the old one written over: running programs map it.
	rm -f $(DESTDIR)$(LIBDIR)/$(SHLIB)
	cp lib/$(SHLIB) $(DESTDIR)$(LIBDIR)/$(SHLIB)
	ln -sf $(SHLIB) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libxgbp.so
endif
	cp -f lib/xgbp.h $(DESTDIR)$(INCLUDEDIR)/xgbp.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(PC_LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(PC_INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    -e 's|@LIBS@|$(PC_LIBS)|' \
	    -e 's|@LIBS_PRIVATE@|$(PC_LIBS_PRIVATE)|' lib/xgbp.pc.in \
	    >$(DESTDIR)$(LIBDIR)/pkgconfig/xgbp.pc
	cp -f man/xgbp.1 $(DESTDIR)$(MANDIR)/man1/xgbp.1
	cp -f completions/xgbp.bash \
	    $(DESTDIR)$(DATADIR)/bash-completion/completions/xgbp
	cp -f completions/_xgbp $(DESTDIR)$(DATADIR)/zsh/site-functions/_xgbp
	cp -f completions/xgbp.fish \
	    $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/xgbp.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/xgbp $(DESTDIR)$(LIBDIR)/libxgbp.a \
	    $(DESTDIR)$(LIBDIR)/$(SHLIB) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	    $(DESTDIR)$(LIBDIR)/libxgbp.so \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/xgbp.pc \
	    $(DESTDIR)$(INCLUDEDIR)/xgbp.h $(DESTDIR)$(MANDIR)/man1/xgbp.1 \
	    $(DESTDIR)$(DATADIR)/bash-completion/completions/xgbp \
	    $(DESTDIR)$(DATADIR)/zsh/site-functions/_xgbp \
	    $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/xgbp.fish

clean:
	rm -f $(LIB_OBJ) $(CMD_OBJ) lib/libxgbp.a lib/libxgbp.so* cmd/xgbp \
	    $(UNIT_BIN) $(TEST_TOOLS) $(REPLAY_BIN) $(FUZZ_BIN)
	rm -rf tests/tmp tests/obj tests/fuzz/obj tests/abi tests/cross

distclean: clean
	rm -f config.mk $(DISTNAME).tar.gz xgbp_*.deb libxgbp-dev_*.deb
	rm -rf musl

.PHONY: all check test-deps demo install uninstall clean distclean fuzz \
	asan asan-one valgrind abicheck abi-baseline bench soak diffcheck \
	dist distcheck image imagecheck deb debcheck cross cross-check

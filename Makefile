# xgbp: one non-recursive Makefile (GNU make).  ./configure writes
# config.mk; `make check` and `make demo` run it themselves when needed.

-include config.mk

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man

VERSION = $(shell awk '/^\#define XGBP_VERSION_(MAJOR|MINOR|PATCH)\t/ \
	{ v = v s $$3; s = "." } END { print v }' lib/xgbp.h)

BUILD_PKGS = libcsv-dev zlib1g-dev
TEST_PKGS = $(BUILD_PKGS) bats bats-assert bats-support mandoc \
	file parallel pkgconf

LIB_SRC = lib/alloc.c lib/build.c lib/engine.c lib/engine_x86.c \
	lib/error.c lib/json.c lib/legacy.c \
	lib/load.c lib/number.c lib/ubjson.c \
	lib/objective.c lib/predict.c
LIB_OBJ = $(LIB_SRC:.c=.o)
CMD_SRC = cmd/fmtfloat.c cmd/info.c cmd/input.c cmd/main.c cmd/output.c \
	cmd/pipe.c cmd/rows.c cmd/score.c cmd/source.c cmd/table.c cmd/util.c
CMD_OBJ = $(CMD_SRC:.c=.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:.c=)

ALL_CFLAGS = $(WARNFLAGS) $(FPFLAGS) -D_POSIX_C_SOURCE=200809L $(CFLAGS)
ALL_CPPFLAGS = -Ilib $(CPPFLAGS)

all: cmd/xgbp

config.mk: configure
	@sh .ci/deps $(BUILD_PKGS)
	./configure

lib/libxgbp.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(LIB_OBJ): lib/xgbp.h lib/internal.h config.mk
lib/number.o: lib/pow5.h

lib/%.o: lib/%.c
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -c -o $@ $<

$(CMD_OBJ): lib/xgbp.h cmd/cmd.h cmd/fmtfloat.h config.mk

cmd/%.o: cmd/%.c
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -Icmd $(CSV_CFLAGS) $(ZLIB_CFLAGS) \
	    $(PTHREAD_CFLAGS) -c -o $@ $<

cmd/xgbp: $(CMD_OBJ) lib/libxgbp.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CMD_OBJ) lib/libxgbp.a \
	    $(CSV_LIBS) $(ZLIB_LIBS) $(PTHREAD_LIBS) -lm

# Unit tests and the model corpus replay link lib/ and fmtfloat.c built
# once more, in tests/obj/, with the allocation-failure hook.
HOOK_OBJ = $(LIB_SRC:%.c=tests/obj/%.o) tests/obj/cmd/fmtfloat.o

tests/obj/lib/%.o: lib/%.c lib/xgbp.h lib/internal.h config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -DXGBP_ALLOC_HOOKS -c -o $@ $<
tests/obj/lib/number.o: lib/pow5.h

tests/obj/cmd/fmtfloat.o: cmd/fmtfloat.c cmd/fmtfloat.h config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -Icmd -c -o $@ cmd/fmtfloat.c

# (Kept between runs: make would take them for intermediate files.)
.SECONDARY: $(HOOK_OBJ)

tests/unit/test_%: tests/unit/test_%.c tests/unit/unit.h $(HOOK_OBJ) \
    lib/xgbp.h lib/internal.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -Icmd -DXGBP_ALLOC_HOOKS \
	    -o $@ $< $(HOOK_OBJ) -lm

tests/tools/f32cmp: tests/tools/f32cmp.c config.mk
	$(CC) $(ALL_CFLAGS) -o $@ $< -lm

check: test-deps all $(UNIT_BIN) tests/tools/f32cmp
	@XGBP=$(CURDIR)/cmd/xgbp sh tests/run.sh $(UNIT_BIN)

# `make bench` (not part of check; minutes): xgbp against XGBoost's C API
# on a generated HIGGS-like file and model, cached in tests/bench/work/.
bench: all tests/tools/f32cmp
	@CC='$(CC)' CFLAGS='$(CFLAGS)' sh tests/bench/bench.sh

test-deps:
	@sh .ci/deps $(TEST_PKGS)

demo:
	@sh .ci/deps $(BUILD_PKGS)
	@test -f config.mk || ./configure
	@$(MAKE) --no-print-directory all
	@echo
	@echo '$$ cmd/xgbp -m examples/iris.json examples/iris.csv'
	@cmd/xgbp -m examples/iris.json examples/iris.csv

# xgbp.pc names directories under PREFIX from ${prefix}, so that
# `pkg-config --define-prefix` finds a copy installed with DESTDIR.
PC_LIBDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))
PC_INCLUDEDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
	    $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(DATADIR)/bash-completion/completions \
	    $(DESTDIR)$(DATADIR)/zsh/site-functions \
	    $(DESTDIR)$(DATADIR)/fish/vendor_completions.d
	cp -f cmd/xgbp $(DESTDIR)$(BINDIR)/xgbp
	cp -f lib/libxgbp.a $(DESTDIR)$(LIBDIR)/libxgbp.a
	cp -f lib/xgbp.h $(DESTDIR)$(INCLUDEDIR)/xgbp.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(PC_LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(PC_INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    -e 's|@LIBS@|-lm|' lib/xgbp.pc.in \
	    >$(DESTDIR)$(LIBDIR)/pkgconfig/xgbp.pc
	cp -f man/xgbp.1 $(DESTDIR)$(MANDIR)/man1/xgbp.1
	cp -f completions/xgbp.bash \
	    $(DESTDIR)$(DATADIR)/bash-completion/completions/xgbp
	cp -f completions/_xgbp $(DESTDIR)$(DATADIR)/zsh/site-functions/_xgbp
	cp -f completions/xgbp.fish \
	    $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/xgbp.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/xgbp $(DESTDIR)$(LIBDIR)/libxgbp.a \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/xgbp.pc \
	    $(DESTDIR)$(INCLUDEDIR)/xgbp.h $(DESTDIR)$(MANDIR)/man1/xgbp.1 \
	    $(DESTDIR)$(DATADIR)/bash-completion/completions/xgbp \
	    $(DESTDIR)$(DATADIR)/zsh/site-functions/_xgbp \
	    $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/xgbp.fish

clean:
	rm -f $(LIB_OBJ) $(CMD_OBJ) lib/libxgbp.a cmd/xgbp $(UNIT_BIN) \
	    tests/tools/f32cmp
	rm -rf tests/tmp tests/obj

distclean: clean
	rm -f config.mk

.PHONY: all check test-deps demo install uninstall clean distclean bench

# Frontdoor: one entry point.
#   make            build build/frontdoor and build/frontdoord
#   make demo       build, seed var/demo.db, start the back end, open the client
#   make check      build and run every test suite (unit, api, tui, layers)
#   make layers     only the layer checks (tests/layers): loops, SQL, REST paths
#   make check SANITIZE=1   the same under AddressSanitizer + UBSan (build-san/)
#   make bench      benchmarks (figures printed, never asserted)
#   make fuzz       libFuzzer targets (tests/fuzz), FUZZ_SECONDS (60) each, in build-fuzz/
#   make fuzz-ci    the same, 30 s each: the short pass CI runs
#   make install    PREFIX=/usr/local DESTDIR=
#   make clean

PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= cc
SANITIZE ?=

ifeq ($(SANITIZE),1)
BUILD    ?= build-san
SANFLAGS  = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
OPT      ?= -O1 -g
else
BUILD    ?= build
SANFLAGS  =
OPT      ?= -O2 -g
endif

# tests/fuzz: clang's libFuzzer with ASan + UBSan, in a build dir of its own.
ifeq ($(FUZZ),1)
BUILD     = build-fuzz
CC        = clang
SANFLAGS  = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined \
            -fno-omit-frame-pointer
OPT       = -O1 -g
endif
FUZZ_SECONDS ?= 60

PKGS_COMMON = jansson
PKGS_SERVER = libmicrohttpd sqlite3 libargon2 libcrypto zlib
PKGS_CLIENT = ncursesw libcurl libsecret-1 readline libcrypto
PKGS_TEST   = cmocka
ALL_PKGS    = $(PKGS_COMMON) $(PKGS_SERVER) $(PKGS_CLIENT) $(PKGS_TEST)

# Recursively expanded on purpose: evaluated only when a recipe needs them,
# after `deps` has had the chance to install what pkg-config could not find.
pkg_cflags = $(shell pkg-config --cflags $(1) 2>/dev/null)
pkg_libs   = $(shell pkg-config --libs $(1) 2>/dev/null)

WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wno-unused-parameter
DATADIR  ?= $(PREFIX)/share/frontdoor
BASEFLAGS = -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) $(SANFLAGS) -Isrc -MMD -MP \
            -DFD_DATADIR='"$(DATADIR)"'
LDFLAGS  += $(SANFLAGS)

COMMON_SRC = $(wildcard src/common/*.c)
SERVER_SRC = $(filter-out src/server/main.c,$(wildcard src/server/*.c src/server/*/*.c))
CLIENT_SRC = $(filter-out src/client/main.c,$(wildcard src/client/*.c src/client/*/*.c))
EMBED_S    = $(wildcard src/client/*.S src/client/*/*.S)
UNIT_SRC   = $(wildcard tests/unit/test_*.c)

COMMON_OBJ = $(COMMON_SRC:%.c=$(BUILD)/%.o)
SERVER_OBJ = $(SERVER_SRC:%.c=$(BUILD)/%.o)
CLIENT_OBJ = $(CLIENT_SRC:%.c=$(BUILD)/%.o) $(EMBED_S:%.S=$(BUILD)/%.o)
UNIT_BIN   = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

all: $(BUILD)/frontdoor $(BUILD)/frontdoord

$(BUILD)/src/common/%.o: src/common/%.c
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) $(call pkg_cflags,$(PKGS_COMMON)) $(CFLAGS) -c $< -o $@

$(BUILD)/src/server/%.o: src/server/%.c
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) $(call pkg_cflags,$(PKGS_COMMON) $(PKGS_SERVER)) $(CFLAGS) -c $< -o $@

$(BUILD)/src/client/%.o: src/client/%.c
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) $(call pkg_cflags,$(PKGS_COMMON) $(PKGS_CLIENT)) $(CFLAGS) -c $< -o $@

# Built-in keymap and screens are embedded with .incbin; rebuild when they change.
$(BUILD)/src/client/%.o: src/client/%.S $(wildcard keymaps/*.keymap screens/*.screen)
	@mkdir -p $(@D)
	$(CC) $(SANFLAGS) -c $< -o $@

$(BUILD)/libfdcommon.a: $(COMMON_OBJ)
	rm -f $@
	$(AR) rcs $@ $^
$(BUILD)/libfdserver.a: $(SERVER_OBJ)
	rm -f $@
	$(AR) rcs $@ $^
$(BUILD)/libfdclient.a: $(CLIENT_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/frontdoord: $(BUILD)/src/server/main.o $(BUILD)/libfdserver.a $(BUILD)/libfdcommon.a
	$(CC) $(LDFLAGS) -o $@ $^ $(call pkg_libs,$(PKGS_COMMON) $(PKGS_SERVER)) -lpthread -lm

$(BUILD)/frontdoor: $(BUILD)/src/client/main.o $(BUILD)/libfdclient.a $(BUILD)/libfdcommon.a
	$(CC) $(LDFLAGS) -o $@ $^ $(call pkg_libs,$(PKGS_COMMON) $(PKGS_CLIENT)) -lm

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libfdclient.a $(BUILD)/libfdserver.a $(BUILD)/libfdcommon.a
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) $(call pkg_cflags,$(ALL_PKGS)) $(CFLAGS) -o $@ $< \
	  $(BUILD)/libfdclient.a $(BUILD)/libfdserver.a $(BUILD)/libfdcommon.a \
	  $(LDFLAGS) $(call pkg_libs,$(ALL_PKGS)) -lpthread -lm

FUZZ_SRC  = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN  = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%) $(BUILD)/fuzz/journal_seed
FUZZ_LIBS = $(BUILD)/libfdclient.a $(BUILD)/libfdserver.a $(BUILD)/libfdcommon.a \
            $(call pkg_libs,$(PKGS_COMMON) $(PKGS_SERVER) $(PKGS_CLIENT)) -lpthread -lm

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzzfile.c tests/fuzz/fuzzfile.h \
                      $(BUILD)/libfdclient.a $(BUILD)/libfdserver.a $(BUILD)/libfdcommon.a
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) $(call pkg_cflags,$(ALL_PKGS)) $(CFLAGS) -fsanitize=fuzzer -o $@ \
	  $< tests/fuzz/fuzzfile.c $(FUZZ_LIBS)

$(BUILD)/fuzz/journal_seed: tests/fuzz/journal_seed.c $(BUILD)/libfdclient.a $(BUILD)/libfdcommon.a
	@mkdir -p $(@D)
	$(CC) $(BASEFLAGS) $(call pkg_cflags,$(ALL_PKGS)) $(CFLAGS) -o $@ $< $(FUZZ_LIBS)

fuzz-targets: $(FUZZ_BIN)

# ---- the README's commands -------------------------------------------------

deps:
	@packaging/ensure-deps $(ALL_PKGS)

demo: deps
	@$(MAKE) --no-print-directory all
	@tests/../packaging/demo $(BUILD)

check: deps
	@$(MAKE) --no-print-directory -j$(shell nproc 2>/dev/null || echo 2) all units
	@tests/run-all $(BUILD)

units: $(UNIT_BIN)

# The layer checks alone (make check runs them too): tests/layers.
layers: deps
	@$(MAKE) --no-print-directory all
	@tests/layers/test_layers.py $(BUILD)

bench: deps
	@$(MAKE) --no-print-directory all
	@bench/run-all $(BUILD)

fuzz fuzz-ci: deps
	@command -v clang >/dev/null || { echo "make $@ needs clang and libclang-rt-dev:" \
	  "run packaging/install-deps as root" >&2; exit 1; }
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-targets
	@tests/fuzz/run build-fuzz $(if $(filter fuzz-ci,$@),30,$(FUZZ_SECONDS))

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/sbin
	install -m 755 $(BUILD)/frontdoor $(DESTDIR)$(PREFIX)/bin/frontdoor
	install -m 755 $(BUILD)/frontdoord $(DESTDIR)$(PREFIX)/sbin/frontdoord
	install -d $(DESTDIR)$(DATADIR)/keymaps $(DESTDIR)$(DATADIR)/screens
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5 $(DESTDIR)$(PREFIX)/share/man/man8
	for f in keymaps/*.keymap; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR)/keymaps/; done; true
	for f in screens/*.screen; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR)/screens/; done; true
	for f in man/*.1; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(PREFIX)/share/man/man1/; done; true
	for f in man/*.5; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(PREFIX)/share/man/man5/; done; true
	for f in man/*.8; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(PREFIX)/share/man/man8/; done; true
	install -d $(DESTDIR)$(DATADIR)/content/scripts $(DESTDIR)$(DATADIR)/content/kb
	install -m 644 config/wrapcodes.csv config/teams.csv config/services.csv config/dialled_numbers.csv $(DESTDIR)$(DATADIR)/content/
	install -m 644 config/break_reasons.csv $(DESTDIR)$(DATADIR)/content/
	install -d $(DESTDIR)$(DATADIR)/phone
	install -m 755 packaging/phone/frontdoor-call.agi $(DESTDIR)$(DATADIR)/phone/
	install -m 644 packaging/phone/README $(DESTDIR)$(DATADIR)/phone/
	install -m 644 config/scripts/*.json $(DESTDIR)$(DATADIR)/content/scripts/
	install -m 644 config/kb/*.md $(DESTDIR)$(DATADIR)/content/kb/
	install -m 755 config/check-content.py $(DESTDIR)$(DATADIR)/content/check-content.py
	install -d $(DESTDIR)/etc/frontdoor $(DESTDIR)$(PREFIX)/lib/systemd/system
	install -m 644 config/frontdoor.conf $(DESTDIR)/etc/frontdoor/frontdoor.conf.example
	sed 's|@SBINDIR@|$(PREFIX)/sbin|g' packaging/frontdoord.service > $(DESTDIR)$(PREFIX)/lib/systemd/system/frontdoord.service

clean:
	rm -rf build build-san build-fuzz

.PHONY: all deps demo check units layers bench install clean fuzz fuzz-ci fuzz-targets

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

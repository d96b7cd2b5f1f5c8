# The README's two commands: `make run` and `make test`. Both install what is missing first (as root,
# through apt), then build. Everything else here is a convenience around them.
SWIFT      ?= swift
CONFIG     ?= release
BIN         = .build/$(CONFIG)/toolgate
MATRIX     ?= matrices/default.toml
OUT        ?= reports/latest
FUZZ_SECONDS ?= 60
# Per fuzz target (elf, matrix, report): make test's short run is 3 x 10 s.
FUZZ_TEST_SECONDS ?= 10

.PHONY: run test build deps fuzz bench clean hello install dist
# `make install PREFIX=DIR`: bin/toolgate, share/toolgate/{matrices,fixtures}, share/doc/toolgate/.
PREFIX     ?= /usr/local

deps:
	@bash scripts/install-deps.sh

# --static-swift-stdlib: the binary needs no Swift toolchain at run time, only Debian's libelf1, libdw1,
# libzstd1, libxxhash0 and libssl3 (scripts/check-dist.sh checks it): what `make install` and `make dist` ship.
build: deps
	$(SWIFT) build -c $(CONFIG) --static-swift-stdlib --product toolgate

# The main job: the default matrix into reports/latest (scripts/run-main-job.sh).
run: build
	@bash scripts/run-main-job.sh $(BIN) $(OUT)

# The fuzz run comes first so that swift test's summary is the last thing printed.
test: deps
	$(SWIFT) build --build-tests
	@bash scripts/check-dist.sh
	@bash scripts/fuzz.sh --seconds $(FUZZ_TEST_SECONDS)
	$(SWIFT) test --skip-build --disable-xctest

# libFuzzer on the ELF reader, the matrix parser and the report reader, FUZZ_SECONDS each (docs/fuzzing.md).
fuzz: deps
	@bash scripts/fuzz.sh --seconds $(FUZZ_SECONDS)

install: build
	install -D -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/toolgate
	mkdir -p $(DESTDIR)$(PREFIX)/share/toolgate $(DESTDIR)$(PREFIX)/share/doc/toolgate
	rm -rf $(DESTDIR)$(PREFIX)/share/toolgate/matrices $(DESTDIR)$(PREFIX)/share/toolgate/fixtures
	cp -R matrices fixtures $(DESTDIR)$(PREFIX)/share/toolgate/
	cp -R README.md docs $(DESTDIR)$(PREFIX)/share/doc/toolgate/

# dist/toolgate-VERSION-linux-ARCH.tar.gz: `make install` into a folder of that name, packed.
dist: build
	@set -e; v=$$($(BIN) --version); name=toolgate-$$v-linux-$$(uname -m); \
	rm -rf dist/stage && mkdir -p dist/stage; \
	$(MAKE) --no-print-directory install PREFIX=$(CURDIR)/dist/stage/$$name >/dev/null; \
	tar -C dist/stage -czf dist/$$name.tar.gz $$name; rm -rf dist/stage; \
	echo "dist/$$name.tar.gz"

bench: build
	@bash benchmarks/table.sh $(BIN)

clean:
	rm -rf .build .build-fuzz

# Random programs through the default matrix (seeds per minute, cold and warm) and a reduction of a planted bug.
.PHONY: bench-csmith
bench-csmith: build
	@bash benchmarks/csmith.sh $(BIN)

# `toolgate reduce` on a planted bug: lines and bytes before and after, ratios and seconds per time limit.
.PHONY: bench-reduce
bench-reduce: build
	@bash benchmarks/reduce.sh $(BIN)

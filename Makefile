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

.PHONY: run test build deps fuzz bench clean hello

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG) --product toolgate

# The main job: the default matrix into reports/latest (scripts/run-main-job.sh).
run: build
	@bash scripts/run-main-job.sh $(BIN) $(OUT)

# The fuzz run comes first so that swift test's summary is the last thing printed.
test: deps
	$(SWIFT) build --build-tests
	@bash scripts/fuzz.sh --seconds $(FUZZ_TEST_SECONDS)
	$(SWIFT) test --skip-build --disable-xctest

# libFuzzer on the ELF reader, the matrix parser and the report reader, FUZZ_SECONDS each (docs/fuzzing.md).
fuzz: deps
	@bash scripts/fuzz.sh --seconds $(FUZZ_SECONDS)

bench: build
	@bash benchmarks/table.sh $(BIN)

clean:
	rm -rf .build .build-fuzz

# Random programs through the default matrix (seeds per minute, cold and warm) and a reduction of a planted bug.
.PHONY: bench-csmith
bench-csmith: build
	@bash benchmarks/csmith.sh $(BIN)

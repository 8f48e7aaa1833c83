# TinyScale: `make run` and `make test` are the whole quick start (README.md).
SWIFT ?= swift
TINYSCALE := .build/release/tinyscale

PREFIX ?= /usr/local

.PHONY: deps build install run test clean

deps:
	@./scripts/deps.sh

build: deps
	$(SWIFT) build -c release

# The release binary into $(PREFIX)/bin (default /usr/local/bin; DESTDIR for staging).
install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(TINYSCALE) $(DESTDIR)$(PREFIX)/bin/tinyscale

# The quick profile of every study kind.
run: build
	$(TINYSCALE) validate --profile quick studies/*.yaml
	$(TINYSCALE) run --profile quick studies/scaling-law.yaml
	$(TINYSCALE) run --profile quick studies/curriculum.yaml
	$(TINYSCALE) run --profile quick studies/stability-gap.yaml
	$(TINYSCALE) run --profile quick studies/multilingual-curse.yaml
	@echo "Archive index: output/index.html"

test: deps
	$(SWIFT) test

clean:
	rm -rf .build

# TinyScale: `make run` and `make test` are the whole quick start (README.md).
SWIFT ?= swift
TINYSCALE := .build/release/tinyscale

.PHONY: deps build run test clean

deps:
	@./scripts/deps.sh

build: deps
	$(SWIFT) build -c release

run: build
	@echo "No study kind runs yet: validating every spec in studies/ (full and quick profiles)."
	$(TINYSCALE) validate studies/*.yaml
	$(TINYSCALE) validate --profile quick studies/*.yaml

test: deps
	$(SWIFT) test

clean:
	rm -rf .build

#!/bin/sh
# Installs the Debian packages TinyScale needs (C libraries, PDF tools, fonts, a browser for the
# report test, the text corpora, and Slurm + munge for the cluster executor's test). A no-op when
# everything is already installed; without root it prints the exact apt-get line to run and exits
# non-zero.
set -eu

PACKAGES="pkg-config libgsl-dev libopenblas-dev libcairo2-dev libpango1.0-dev libsqlite3-dev libssl-dev libcmark-dev \
poppler-utils fonts-dejavu-core fonts-wqy-microhei chromium \
fortunes fortunes-min fortunes-de fortunes-es fortunes-it fortunes-pl fortunes-ru fortunes-cs \
fortunes-bg fortunes-br fortunes-eo fortunes-ga fortunes-zh \
bible-kjv bible-kjv-text sword-text-web sword-text-sparv diatheke \
slurm-wlm munge"

missing=""
for package in $PACKAGES; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)
    case "$status" in
        ii*) ;;
        *) missing="$missing $package" ;;
    esac
done

if [ -z "$missing" ]; then
    exit 0
fi

line="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
    echo "TinyScale needs these Debian packages:$missing" >&2
    echo "Install them as root with:" >&2
    echo "  apt-get update && $line" >&2
    exit 1
fi

echo "Installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends$missing >/dev/null

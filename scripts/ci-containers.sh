#!/usr/bin/env bash
# CI for the container features, as root on a clean machine (no Docker Hub, no bridge network):
# installs Debian's docker.io, starts the project's private dockerd (scripts/docker-up.sh), builds
# the FROM-scratch node base image and the project's images, runs `npm run test:containers`, and
# always tears everything down (containers, images, dockerd, .docker/), pass or fail.
# Expects node_modules to be installed (npm ci). Prints the wall time of each step.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { printf '\n=== containers: %s (%d s in) ===\n' "$*" $(( $(date +%s) - started )); }

teardown() {
  status=$?
  step "tear-down"
  scripts/docker-down.sh --purge || status=1
  printf '=== containers: done in %d s (exit %d) ===\n' $(( $(date +%s) - started )) "$status"
  exit "$status"
}
trap teardown EXIT

step "install docker.io"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends docker.io >/dev/null

step "start dockerd (scripts/docker-up.sh)"
scripts/docker-up.sh
. .docker/env

step "build images (scripts/image-build.sh)"
scripts/image-build.sh

step "npm run test:containers"
npm run test:containers

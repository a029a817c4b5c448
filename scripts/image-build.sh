#!/usr/bin/env bash
# Builds the project's images: integration-lab/vendor:local and integration-lab/grader:local.
# Bundles the vendor on the host first (npm run build:vendor). Without a registry (no Docker Hub,
# this project's machines) it first builds local/node-base from this machine's node and uses it;
# NODE_IMAGE=node:20-bookworm-slim scripts/image-build.sh builds on the official image instead.
# Usage: scripts/image-build.sh [vendor|grader ...]   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f .docker/env ] && [ -z "${DOCKER_HOST:-}" ] && . .docker/env
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(vendor grader)
if [ -z "${NODE_IMAGE:-}" ]; then
  NODE_IMAGE=local/node-base
  docker image inspect "$NODE_IMAGE" >/dev/null 2>&1 || scripts/node-base-image.sh "$NODE_IMAGE"
fi
for target in "${targets[@]}"; do
  case $target in
    vendor) node scripts/bundle/build-vendor.mjs ;;
    grader) ;;
    *) echo "image-build: unknown target \"$target\" (vendor or grader)" >&2; exit 2 ;;
  esac
  started=$(date +%s%N)
  # The classic builder sends the whole context: the vendor gets only what it copies.
  if [ "$target" = vendor ]; then context=(-); else context=(.); fi
  { if [ "$target" = vendor ]; then tar -c --exclude='*.v8-cache' Dockerfile dist/vendor; fi; } |
    docker build -q --build-arg NODE_IMAGE="$NODE_IMAGE" --target "$target" -t "integration-lab/$target:local" "${context[@]}" 2> >(grep -v -e DEPRECATED -e buildx -e BuildKit -e '^ *$' >&2) >/dev/null
  printf "built integration-lab/%s:local on %s in %d.%d s\n" "$target" "$NODE_IMAGE" $(( ($(date +%s%N) - started) / 1000000000 )) $(( ($(date +%s%N) - started) / 100000000 % 10 ))
done
# A rebuild leaves the previous image's layers dangling: remove them.
docker image prune -f >/dev/null

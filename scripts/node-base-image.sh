#!/usr/bin/env bash
# Builds local/node-base: a FROM-scratch image holding this machine's node binary and the shared
# libraries ldd lists for it and for the native addons in node_modules (vitest's rolldown needs
# librt), for machines without a registry (pass it as NODE_IMAGE). No shell, no npm.
# Needs a running engine (scripts/docker-up.sh). Usage: scripts/node-base-image.sh [tag]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f .docker/env ] && [ -z "${DOCKER_HOST:-}" ] && . .docker/env
TAG=${1:-local/node-base}
ctx=$(mktemp -d "${TMPDIR:-/tmp}/node-base.XXXXXX")
trap 'rm -rf "$ctx"' EXIT
mkdir -p "$ctx/rootfs/usr/bin" "$ctx/rootfs/tmp" "$ctx/rootfs/etc"
node_bin=$(readlink -f "$(command -v node)")
cp "$node_bin" "$ctx/rootfs/usr/bin/node"
addons=$(find node_modules -name '*.node' -type f 2>/dev/null || true)
for lib in $( (ldd "$node_bin"; for addon in $addons; do ldd "$addon"; done) | grep -o '/[^ ]*' | sort -u); do
  mkdir -p "$ctx/rootfs$(dirname "$lib")"
  cp -L "$lib" "$ctx/rootfs$lib"
done
chmod 1777 "$ctx/rootfs/tmp"
# A user to run as (uid 1000, like the official image's "node"), and name resolution for localhost.
printf 'root:x:0:0::/root:/nonexistent\nnode:x:1000:1000::/home/node:/nonexistent\n' > "$ctx/rootfs/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\n' > "$ctx/rootfs/etc/group"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$ctx/rootfs/etc/hosts"
printf 'hosts: files dns\n' > "$ctx/rootfs/etc/nsswitch.conf"
cat > "$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs/ /
ENV PATH=/usr/bin
ENTRYPOINT ["/usr/bin/node"]
DOCKERFILE
docker build -q -t "$TAG" --label org.integration-lab.node="$(node --version)" "$ctx" >/dev/null
docker run --rm --network none "$TAG" -e 'console.log(`${process.argv0} ${process.version} runs in a container`)'
echo "built $TAG (node $(node --version))"

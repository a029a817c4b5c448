#!/usr/bin/env bash
# Stops what scripts/docker-up.sh started: removes the project's containers, stops dockerd by its
# pid file (containerd exits with it), unmounts the engine's network namespace, and with --purge
# removes .docker/ entirely (images included). Safe to run when nothing is running.
set -uo pipefail
cd "$(dirname "$0")/.."
W=${DOCKER_STATE_DIR:-$PWD/.docker}
[ -d "$W" ] || exit 0
W=$(cd "$W" && pwd)
SOCK=$W/docker.sock
log() { printf 'docker-down: %s\n' "$*" >&2; }

if [ -S "$SOCK" ] && DOCKER_HOST=unix://$SOCK /usr/bin/docker version >/dev/null 2>&1; then
  ids=$(DOCKER_HOST=unix://$SOCK /usr/bin/docker ps -aq)
  [ -z "$ids" ] || { log "removing containers: $(echo $ids)"; DOCKER_HOST=unix://$SOCK /usr/bin/docker rm -f $ids >/dev/null; }
fi
if [ -f "$W/dockerd.pid" ]; then
  pid=$(cat "$W/dockerd.pid")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping dockerd (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { log "dockerd still up after 30 s; killing it"; kill -KILL "$pid"; }
  fi
  rm -f "$W/dockerd.pid"
fi
rm -f "$SOCK"
# dockerd leaves its default network namespace mounted; unmount it before removing the folder.
umount "$W/exec/netns/default" 2>/dev/null || true
if [ "${1:-}" = "--purge" ]; then
  grep -q " $W/" /proc/mounts && { log "still mounted under $W; not removing it"; exit 1; }
  rm -rf "$W"
  log "removed $W"
fi
exit 0

#!/usr/bin/env bash
# Starts a private Docker engine for this project on a machine without systemd and without Docker
# Hub (this project's CI and dev machines), as root:
#   - installs Debian's docker.io if dockerd is missing, and compose v2 as a CLI plugin
#     (bookworm ships only compose v1; trixie's docker-compose 2.x runs on bookworm's libc);
#   - starts dockerd with its state under .docker/ and NO bridge network: containers use host
#     networking or --network none, so nothing listens outside 127.0.0.1;
#   - writes .docker/env (DOCKER_HOST, DOCKER_CONFIG, TESTCONTAINERS_*) for `source`.
# Idempotent: a dockerd it started before and that still answers is reused.
# A machine that already runs Docker (Docker Desktop, a distro service) needs none of this.
# Stop with scripts/docker-down.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
W=${DOCKER_STATE_DIR:-$PWD/.docker}
mkdir -p "$W"
W=$(cd "$W" && pwd)
SOCK=$W/docker.sock
DOCKER=/usr/bin/docker
log() { printf 'docker-up: %s\n' "$*" >&2; }

answering() { DOCKER_HOST=unix://$SOCK "$DOCKER" version >/dev/null 2>&1; }

write_env() {
  cat > "$W/env" <<ENV
# Written by scripts/docker-up.sh: source it to talk to the project's Docker engine.
export DOCKER_HOST=unix://$SOCK
export DOCKER_CONFIG=$W/dockercfg
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
ENV
}

if [ -x /usr/sbin/dockerd ] && [ -x "$DOCKER" ] && [ -S "$SOCK" ] && answering; then
  write_env
  log "dockerd already running (pid $(cat "$W/dockerd.pid" 2>/dev/null || echo '?')); source $W/env"
  exit 0
fi

[ "$(id -u)" = 0 ] || { log "needs root (apt-get, dockerd)."; exit 1; }
export DEBIAN_FRONTEND=noninteractive

if [ ! -x /usr/sbin/dockerd ] || [ ! -x "$DOCKER" ]; then
  log "installing docker.io from Debian"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker.io >/dev/null
fi

# Compose v2 as a CLI plugin of a private DOCKER_CONFIG: downloaded (not installed) from the
# machine's own Debian mirror with the suite swapped to trixie; no host name is written here.
PLUGIN=$W/dockercfg/cli-plugins/docker-compose
if [ ! -x "$PLUGIN" ]; then
  log "fetching compose v2 (Debian trixie's docker-compose) as a CLI plugin"
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$mirror" ] || { log "cannot find the Debian mirror in the apt configuration"; exit 1; }
  rm -rf "$W/apt-alt" "$W/compose2"
  mkdir -p "$W/apt-alt/lists/partial" "$W/compose2" "$W/dockercfg/cli-plugins"
  echo "deb $mirror trixie main" > "$W/apt-alt/sources.list"
  ALT=(-o "Dir::Etc::sourcelist=$W/apt-alt/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$W/apt-alt/lists"
       -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=)
  apt-get "${ALT[@]}" update -qq
  (cd "$W/compose2" && apt-get "${ALT[@]}" download docker-compose >/dev/null && dpkg-deb -x docker-compose_*.deb root)
  ln -sf "$W/compose2/root/usr/libexec/docker/cli-plugins/docker-compose" "$PLUGIN"
fi

# A stale pid file or socket from a run that was killed.
if [ -f "$W/dockerd.pid" ] && kill -0 "$(cat "$W/dockerd.pid")" 2>/dev/null; then
  log "dockerd (pid $(cat "$W/dockerd.pid")) runs but does not answer; stop it with scripts/docker-down.sh"
  exit 1
fi
rm -f "$W/dockerd.pid" "$SOCK"
mkdir -p "$W/data" "$W/exec"
log "starting dockerd (no bridge; state in $W)"
setsid /usr/sbin/dockerd --data-root "$W/data" --exec-root "$W/exec" --pidfile "$W/dockerd.pid" \
  -H "unix://$SOCK" --bridge=none --iptables=false --ip6tables=false \
  --ip-forward=false --ip-masq=false --storage-driver=overlay2 >"$W/dockerd.log" 2>&1 </dev/null &
for _ in $(seq 1 150); do answering && break; sleep 0.2; done
if ! answering; then
  log "dockerd did not answer within 30 s; last lines of $W/dockerd.log:"
  tail -n 20 "$W/dockerd.log" >&2
  exit 1
fi
write_env
log "ready: $(DOCKER_HOST=unix://$SOCK "$DOCKER" version --format 'engine {{.Server.Version}}'); source $W/env"

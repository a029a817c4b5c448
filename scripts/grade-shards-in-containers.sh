#!/usr/bin/env bash
# A batch graded in N shards at once, each in its own grader container with its own index, then
# merged: the shape of deploy/kubernetes/grade-submissions.yaml (an Indexed Job, then a merge Job) and
# deploy/github-actions/grade-submissions.yml (a matrix, then a merge job), on this machine's Docker
# engine, where no cluster or runner is reachable. Like backoffLimitPerIndex, a shard that exits 3
# (not graded: the grader or vendor failed, not the candidates' code) is run once more; exit 2 stops.
#
# Usage: scripts/grade-shards-in-containers.sh SUBMISSIONS_DIR OUT_DIR [N]   (default N=2)
# Needs: the engine (scripts/docker-up.sh) and the grader image (scripts/image-build.sh grader).
# Writes OUT_DIR/shard-K/ for each K, then OUT_DIR/final/ (summary.md, summary.csv, candidates/, sources/).
# Each container: no network (the vendor runs inside it, on its own loopback), read-only root,
# the submissions mounted read-only, uid 1000, a memory and CPU limit.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f .docker/env ] && [ -z "${DOCKER_HOST:-}" ] && . .docker/env
if [ $# -lt 2 ]; then
  echo "usage: scripts/grade-shards-in-containers.sh SUBMISSIONS_DIR OUT_DIR [N]" >&2
  exit 2
fi
submissions=$(realpath "$1")
out=$(realpath -m "$2")
shards=${3:-2}
image=${GRADER_IMAGE:-integration-lab/grader:local}
memory=${SHARD_MEMORY:-3g}
cpus=${SHARD_CPUS:-1}
[ -d "$submissions" ] || { echo "grade-shards: $1 is not a folder of submissions." >&2; exit 2; }
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || { echo "grade-shards: N must be a whole number from 1, not \"$shards\"." >&2; exit 2; }
docker image inspect "$image" >/dev/null 2>&1 || { echo "grade-shards: the image $image is not built: run scripts/image-build.sh grader." >&2; exit 2; }
mkdir -p "$out"
chmod 0777 "$out"   # the grader runs as uid 1000 inside

run_grader() { # NAME ARGS...: one grader container, removed when it ends
  local name=$1; shift
  docker run --rm --name "$name" --label org.integration-lab.shard=1 \
    --network none --read-only --tmpfs /tmp:rw,nosuid,nodev,size=1024m,mode=1777 \
    --mount "type=bind,source=$submissions,target=/submissions,readonly" \
    --mount "type=bind,source=$out,target=/results" \
    --memory "$memory" --memory-swap "$memory" --cpus "$cpus" --pids-limit 512 \
    --user 1000:1000 --cap-drop ALL --security-opt no-new-privileges \
    -e HOME=/tmp "$image" "$@"
}

grade_shard() { # K: grade shard K/N, once more if it exits 3
  local k=$1 attempt code
  for attempt in 1 2; do
    code=0
    run_grader "integration-lab-shard-$k-of-$shards-$$" --submissions /submissions --shard "$k/$shards" --out "/results/shard-$k" \
      >"$out/shard-$k.log" 2>&1 || code=$?
    echo "shard $k/$shards: exit $code (attempt $attempt)"
    [ "$code" -eq 3 ] || return "$code"
  done
  return 3
}

trap 'docker ps -q --filter label=org.integration-lab.shard=1 | xargs -r docker kill >/dev/null 2>&1 || true' EXIT
started=$(date +%s)
pids=()
for ((k = 0; k < shards; k++)); do
  grade_shard "$k" &
  pids+=($!)
done
failed=0
for k in "${!pids[@]}"; do
  if ! wait "${pids[$k]}"; then
    failed=1
    echo "shard $k/$shards failed: its log follows ($out/shard-$k.log)" >&2
    tail -20 "$out/shard-$k.log" >&2
  fi
done
echo "all $shards shards done in $(( $(date +%s) - started )) s"
[ "$failed" -eq 0 ] || exit 1

run_grader "integration-lab-merge-$$" merge /results --out /results/final
echo "merged into $out/final in $(( $(date +%s) - started )) s"

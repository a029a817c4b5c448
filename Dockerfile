# Integration Lab images. Two targets (the classic builder builds every stage up to the target,
# so the small vendor stage comes first):
#   vendor  Acme CRM (the mock vendor) as one bundled file on plain node: no shell, no npm inside.
#           Build the bundle on the host first: npm run build:vendor (writes dist/vendor/main.cjs).
#   grader  the graded checks, harness, vendor sources and node_modules, for `npm run grade -- --isolate`:
#           each submission is mounted read-only at /app/submission and graded with no network.
# With Docker Hub: docker build --target vendor -t integration-lab/vendor:local .
# Without a registry (this project's machines): scripts/node-base-image.sh builds local/node-base,
# then --build-arg NODE_IMAGE=local/node-base (scripts/image-build.sh does both).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS vendor
COPY dist/vendor/ /opt/acme-crm/
# Listens on every interface of its network namespace: behind a port mapping on a user's Docker.
# With host networking (this project's machines) set HOST=127.0.0.1 (docker-compose.host.yml does).
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4010
# The vendor writes the default tenant's credentials to ./.env: keep that in /tmp, which may be a tmpfs.
WORKDIR /tmp
USER 1000:1000
EXPOSE 4010
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 4010}/openapi.json`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/opt/acme-crm/main.cjs"]

FROM ${NODE_IMAGE} AS grader
WORKDIR /app
ENV NODE_ENV=production LAB_TARGET=/app/submission NO_COLOR=1
COPY package.json tsconfig.json ./
COPY node_modules/ node_modules/
COPY mock-vendor/ mock-vendor/
COPY labs/ labs/
COPY questions/ questions/
COPY grader/ grader/
COPY test/ test/
USER 1000:1000
ENTRYPOINT ["node", "/app/node_modules/tsx/dist/cli.mjs", "/app/grader/cli/grade.ts"]

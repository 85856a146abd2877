# syntax=docker/dockerfile:1
# One image per component, all from this file: pick one with --target.
#
#   docker build --target organization -t gongzhi/organization .
#   docker build --target services     -t gongzhi/services .
#   docker build --target facilities   -t gongzhi/facilities .
#   docker build --target deliberation -t gongzhi/deliberation .
#   docker build --target gateway      -t gongzhi/gateway .
#   docker build --target console      -t gongzhi/console .
#
# Stages: `pnpm` (Node + the pinned pnpm) → `build` (every workspace package installed from the frozen lockfile and
# compiled with tsc -b) → `<name>-deps` (only that component's production dependencies, again from the frozen
# lockfile) → `<name>` (a slim runtime: deps, the compiled code it runs, nothing else; uid 1000, not root).
# infra/src/docker/dockerfile.spec.ts checks this file in `npm test` (targets, COPY sources, USER, HEALTHCHECK);
# `npm run image:rehearse` assembles each image's files without Docker and starts it (production deps complete?).

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS pnpm
# Keep in step with "packageManager" in package.json (the spec checks it).
ARG PNPM_VERSION=10.34.9
RUN npm install --global --no-audit --no-fund pnpm@${PNPM_VERSION} && npm cache clean --force
ENV CI=true
WORKDIR /src

# ---- build: the whole workspace, compiled ------------------------------------------------------------------------
FROM pnpm AS build
# pnpm fetch needs only the lockfile, so this layer is reused until a dependency changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
RUN pnpm install --offline --frozen-lockfile && pnpm run build

# ---- production dependencies, one set per component --------------------------------------------------------------
# `pnpm install --prod --filter <package>...` installs that package and its workspace dependencies (@gongzhi/platform,
# @gongzhi/contracts) with their production dependencies only, exactly as the lockfile says. The runtime stages copy
# the whole /src of one of these stages: node_modules trees and package.json files, no sources.
FROM pnpm AS workspace-manifests
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
COPY libs/contracts/package.json libs/contracts/
COPY libs/platform/package.json libs/platform/
COPY libs/telemetry/package.json libs/telemetry/
COPY libs/metrics/package.json libs/metrics/
COPY libs/testing/package.json libs/testing/
COPY infra/package.json infra/
COPY gateway/package.json gateway/
COPY services/organization/package.json services/organization/
COPY services/services/package.json services/services/
COPY services/facilities/package.json services/facilities/
COPY services/deliberation/package.json services/deliberation/
COPY apps/console/package.json apps/console/
RUN pnpm fetch --prod

FROM workspace-manifests AS organization-deps
RUN pnpm install --offline --frozen-lockfile --prod --filter "@gongzhi/organization..."
FROM workspace-manifests AS services-deps
RUN pnpm install --offline --frozen-lockfile --prod --filter "@gongzhi/services..."
FROM workspace-manifests AS facilities-deps
RUN pnpm install --offline --frozen-lockfile --prod --filter "@gongzhi/facilities..."
FROM workspace-manifests AS deliberation-deps
RUN pnpm install --offline --frozen-lockfile --prod --filter "@gongzhi/deliberation..."
FROM workspace-manifests AS gateway-deps
RUN pnpm install --offline --frozen-lockfile --prod --filter "@gongzhi/gateway..."
FROM workspace-manifests AS console-deps
RUN pnpm install --offline --frozen-lockfile --prod --filter "@gongzhi/console..."

# ---- runtime ----------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Runs as the image's `node` user by number, so Kubernetes' runAsNonRoot can verify it. Nothing is written at run
# time but /tmp (Kubernetes mounts an emptyDir there under a read-only root filesystem).
USER 1000:1000
# The component answers GET /health/live on $PORT; slim images have no curl, Node has fetch.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# A subgraph image: the three shared libraries compiled, then per target its production node_modules and its own
# compiled code. Configuration and keys come from the environment (see infra/k8s/README.md).
FROM runtime AS subgraph
COPY --from=build /src/libs/contracts/dist libs/contracts/dist
COPY --from=build /src/libs/platform/dist libs/platform/dist
COPY --from=build /src/libs/telemetry/dist libs/telemetry/dist
COPY --from=build /src/libs/metrics/dist libs/metrics/dist

FROM subgraph AS organization
COPY --from=organization-deps /src ./
COPY --from=build /src/services/organization/dist services/organization/dist
ENV PORT=4001
EXPOSE 4001
CMD ["node", "services/organization/dist/main.js"]

FROM subgraph AS services
COPY --from=services-deps /src ./
COPY --from=build /src/services/services/dist services/services/dist
ENV PORT=4002
EXPOSE 4002
CMD ["node", "services/services/dist/main.js"]

FROM subgraph AS facilities
COPY --from=facilities-deps /src ./
COPY --from=build /src/services/facilities/dist services/facilities/dist
ENV PORT=4003
EXPOSE 4003
CMD ["node", "services/facilities/dist/main.js"]

FROM subgraph AS deliberation
COPY --from=deliberation-deps /src ./
COPY --from=build /src/services/deliberation/dist services/deliberation/dist
ENV PORT=4004
EXPOSE 4004
CMD ["node", "services/deliberation/dist/main.js"]

# The gateway also needs the composed supergraph it serves (gateway/supergraph/supergraph.graphql, found next to its
# dist/ by default; SUPERGRAPH_PATH moves it, e.g. to a mounted ConfigMap).
FROM runtime AS gateway
COPY --from=gateway-deps /src ./
COPY --from=build /src/libs/contracts/dist libs/contracts/dist
# The shutdown path and the environment parsing every process shares (@gongzhi/platform/lifecycle and /config: the
# gateway loads only those parts of platform, not NestJS or mongoose).
COPY --from=build /src/libs/platform/dist libs/platform/dist
COPY --from=build /src/libs/platform/lifecycle/package.json libs/platform/lifecycle/
COPY --from=build /src/libs/platform/config/package.json libs/platform/config/
COPY --from=build /src/libs/telemetry/dist libs/telemetry/dist
COPY --from=build /src/libs/metrics/dist libs/metrics/dist
COPY --from=build /src/gateway/dist gateway/dist
COPY --from=build /src/gateway/supergraph/supergraph.graphql gateway/supergraph/
ENV PORT=4000
EXPOSE 4000
CMD ["node", "gateway/dist/main.js"]

# The community console: its small server (dist-server: the built app, /graphql forwarded to GATEWAY_URL, probes,
# /metrics) and the single-page app Vite built (dist-web). It loads nothing of infra in production (the development
# sign-in is refused there).
FROM runtime AS console
COPY --from=console-deps /src ./
COPY --from=build /src/libs/metrics/dist libs/metrics/dist
COPY --from=build /src/apps/console/dist-server apps/console/dist-server
COPY --from=build /src/apps/console/dist-web apps/console/dist-web
ENV PORT=4010
EXPOSE 4010
CMD ["node", "apps/console/dist-server/main.js"]

# syntax=docker/dockerfile:1
# Keywarden's production image. One image, three roles (the argument after the image name):
#   all     (default) Slack bot + worker, with the embedded Temporal dev server unless TEMPORAL_ADDRESS is set
#   bot     the Slack listeners only; stateless, run any number
#   worker  workflows and activities only; run any number
# Build: docker build -t keywarden .     Run: docker run --env-file .env -v $PWD/keywarden.yaml:/app/keywarden.yaml keywarden bot

ARG NODE_VERSION=24
ARG GO_VERSION=1.24

# The Temporal CLI, for the all-in-one role's embedded server; built from the Go module proxy, pinned as in
# server/temporal/cli.ts.
FROM golang:${GO_VERSION}-bookworm AS temporal-cli
ARG TEMPORAL_CLI_VERSION=1.5.1
ENV CGO_ENABLED=0
# Stripped of debug information: the binary is only run, never debugged, in the image.
RUN go install -ldflags='-s -w' github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}

# Compiled JavaScript; dev dependencies (TypeScript, Jest, ESLint) stay in this stage.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY server ./server
COPY slack ./slack
COPY config ./config
COPY policies ./policies
COPY workflows ./workflows
COPY activities ./activities
COPY vendors ./vendors
COPY destinations ./destinations
COPY secrets ./secrets
RUN npm run build

# Production dependencies only.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The Temporal core bridge ships native binaries for five platforms; the image needs Linux only (about 90 MB less).
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force \
  && find node_modules/@temporalio/core-bridge/releases -mindepth 1 -maxdepth 1 ! -name '*-linux-gnu' -exec rm -rf {} +

# The run-time image: Node, production dependencies, compiled code; no compiler, no package manager cache.
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    KEYWARDEN_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js \
    KEYWARDEN_CONFIG=/app/keywarden.yaml \
    KEYWARDEN_DATA_DIR=/data \
    KEYWARDEN_TEMPORAL_CLI=/usr/local/bin/temporal \
    KEYWARDEN_OPS_HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY slack/manifest.yml ./slack/manifest.yml
COPY --from=temporal-cli /go/bin/temporal /usr/local/bin/temporal
RUN mkdir -p /data && chown node:node /data
# The image's own non-root user; the data directory (embedded server, sealing key) is the only writable path.
USER node
VOLUME ["/data"]
# 3000: Slack requests in HTTP mode. 9464: /metrics, /healthz, /readyz (keep it off the public network).
EXPOSE 3000 9464
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=4 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.KEYWARDEN_OPS_PORT||9464)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node runs as PID 1 and handles SIGTERM/SIGINT itself (server/main.ts stops the bot, drains the worker, then exits);
# --init is not needed because Keywarden reaps the one child it starts (the embedded server). A small V8 young
# generation keeps the worker's memory flat however many credentials sleep (README "Benchmarks", P3).
ENTRYPOINT ["node", "--max-semi-space-size=2", "dist/server/main.js"]
CMD ["all"]

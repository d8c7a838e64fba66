# lienthong — the emulator of VDXP, DVCQG and NDXP, and its conformance harness, in one container.
#   docker build -t lienthong:local .
#   docker run --rm -p 8686:8686 lienthong:local                 # then http://localhost:8686/_lienthong/ui
#   docker run --rm -p 8686:8686 -v lienthong-data:/data lienthong:local lienthong start --host 0.0.0.0 --data /data/state.sqlite --virtual-clock
# Options are those of `lienthong start --help`; change the port with -e PORT=… (the health check reads it).
# docs/ecosystem.md; test/ecosystem/dockerfile.test.ts keeps this file in step with the CLI.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 normally installs a prebuilt binary; the toolchain is the fallback when none matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=8686
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# The CLI on PATH; the state directory owned by the unprivileged user the emulator runs as.
RUN ln -s /app/bin/lienthong.mjs /usr/local/bin/lienthong \
 && mkdir -p /data \
 && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8686
# Node's own fetch: the slim image has no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8686) + '/_lienthong/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["lienthong", "start", "--host", "0.0.0.0", "--data", "/data/state.sqlite"]

# autotask-mcp: hardened runtime image for the Autotask PSA MCP server.
#
# Builds with BuildKit and with the classic builder (DOCKER_BUILDKIT=0): no RUN --mount and no
# "syntax" directive. Every base image is a build argument so it can be pinned by digest
# (NODE_IMAGE=node:22-alpine@sha256:...) or replaced by a locally made stand-in:
#   NODE_IMAGE     build stages; needs node + npm + a POSIX shell.
#   RUNTIME_IMAGE  where node comes from; needs node at build time (nothing else is used).
# The runtime holds node, the shared libraries it loads, a minimal /etc and the app — no shell,
# no package manager, no busybox, no wget/curl: docker/runtime_rootfs.cjs picks those files out of
# RUNTIME_IMAGE with node alone, and the final stage starts from "scratch". Health check, doctor
# and every probe run node directly (exec form), so nothing needs a shell.
# Why node:22-alpine: the smallest maintained Node 22 LTS image; the server is pure JavaScript,
# so musl is no concern. For glibc use --build-arg NODE_IMAGE=node:22-bookworm-slim (and the same
# RUNTIME_IMAGE); only node's shared libraries differ (glibc instead of musl, a few MB).
ARG NODE_IMAGE=node:22-alpine
ARG RUNTIME_IMAGE=node:22-alpine
# Kept equal to server/package.json "version" (a bats test checks it).
ARG VERSION=0.1.0
# Where the source lives; override when publishing from a fork.
ARG SOURCE_URL=https://github.com/autotask-mcp/autotask-mcp

# ---- 1. compile TypeScript with the dev dependencies ---------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /build
COPY server/package.json server/package-lock.json ./
# npm ci: the strict, reproducible install of exactly what package-lock.json records.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY server/tsconfig.json server/tsconfig.build.json ./
COPY server/src ./src
RUN npm run build

# ---- 2. production dependencies only -------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /build
COPY server/package.json server/package-lock.json ./
# Type declarations, TypeScript sources, source maps and READMEs are never loaded at run time;
# licence files are kept.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && find node_modules -type f \( -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.map' \
      -o \( -iname '*.md' ! -iname 'licen[cs]e*' \) \) -exec rm -f {} + \
 && rm -rf /root/.npm

# ---- 3. runtime file system: node and its shared libraries only, plus the service account -----
FROM ${RUNTIME_IMAGE} AS runtime-fs
COPY docker/runtime_rootfs.cjs /runtime_rootfs.cjs
# Writes /rootfs: node, its loader and libraries (symlink chains kept), /etc/passwd, /etc/group,
# /etc/nsswitch.conf and a sticky /tmp; the final stage then runs node from it once.
RUN node /runtime_rootfs.cjs /rootfs

# ---- 4. final image: node + the application on an empty base ---------------------------------
FROM scratch
ARG VERSION
ARG SOURCE_URL
COPY --from=runtime-fs /rootfs/ /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    NODE_ENV=production \
    MCP_TRANSPORT=http \
    MCP_HTTP_HOST=0.0.0.0 \
    MCP_HTTP_PORT=8080
# Exec form, no shell: a library the loader cannot find fails the build here, not at start-up.
RUN ["node", "-e", "require('crypto').createHash('sha256'); new Intl.DateTimeFormat('en', {timeZone: 'UTC'}).format(0)"]
WORKDIR /app
# Everything under /app is owned by root and read-only for the service account.
COPY --from=prod-deps /build/node_modules ./node_modules
COPY --from=build /build/dist ./dist
COPY server/package.json ./package.json

LABEL org.opencontainers.image.title="autotask-mcp" \
      org.opencontainers.image.description="MCP server for Kaseya/Datto Autotask PSA: typed tools, confirmed writes, demo tenant" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.licenses="MIT"

USER 10001:10001
EXPOSE 8080
STOPSIGNAL SIGTERM
# node itself checks /health, in exec form (the image has no shell, curl or wget); /health needs
# no token and makes no Autotask call, so it is cheap and never leaks anything.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.MCP_HTTP_PORT||8080)+'/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Heap sizes for the 512 MB container (docker-compose.yml, deploy/kubernetes): a 256 MB old space
# (V8 collects hard well before the cgroup limit) and 16 MB semi-spaces. Left to itself node sizes
# the heap from the memory it sees: on a large host a 4 GB old space that V8 lets grow to ~4x the
# live data (bench: 263 MB RSS after its load; 186 MB with these flags), under a 512 MB limit
# (by V8's sizing rules) 1 MB semi-spaces, which promote more of each call's garbage and cost CPU.
# 8 MB semi-spaces held 162 MB after the load but missed the throughput targets (p99 142 ms at 32
# sessions against 88 ms with 16 MB, same quiet machine).
# The same flags are in package.json "start"; the bench starts the server with them.
CMD ["node", "--max-old-space-size=256", "--max-semi-space-size=16", "dist/index.js"]

# autotask-mcp: hardened runtime image for the Autotask PSA MCP server.
#
# Builds with BuildKit and with the classic builder (DOCKER_BUILDKIT=0): no RUN --mount and no
# "syntax" directive. Every base image is a build argument so it can be pinned by digest
# (NODE_IMAGE=node:22-alpine@sha256:...) or replaced by a locally made stand-in:
#   NODE_IMAGE     build stages; needs node + npm + a POSIX shell.
#   RUNTIME_IMAGE  source of the runtime file system; needs node + a POSIX shell at build time.
#                  npm, npx, corepack, yarn, headers and package caches are deleted from it, and
#                  the result is flattened onto "scratch" so the deleted files take no space.
# Why node:22-alpine: the smallest maintained Node 22 LTS image; the server is pure JavaScript,
# so musl is no concern. For glibc use --build-arg NODE_IMAGE=node:22-bookworm-slim (and the same
# RUNTIME_IMAGE); the image then grows by about 70 MB.
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

# ---- 3. runtime file system: node without package managers, plus the service account -------
FROM ${RUNTIME_IMAGE} AS runtime-fs
RUN rm -rf /usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx \
      /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-* \
      /usr/local/include /usr/local/share/doc /usr/local/share/man /usr/local/etc/npmrc \
      /root/.npm /root/.cache /root/.config /var/cache/apk/* /var/cache/apt/* \
      /var/lib/apt/lists/* /tmp/* \
 && echo 'mcp:x:10001:10001:autotask-mcp:/nonexistent:/sbin/nologin' >> /etc/passwd \
 && echo 'mcp:x:10001:' >> /etc/group \
 && node -e "process.exit(0)"

# ---- 4. final image: one flattened base layer + the application ----------------------------
FROM scratch
ARG VERSION
ARG SOURCE_URL
COPY --from=runtime-fs / /
WORKDIR /app
# Everything under /app is owned by root and read-only for the service account.
COPY --from=prod-deps /build/node_modules ./node_modules
COPY --from=build /build/dist ./dist
COPY server/package.json ./package.json

ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    NODE_ENV=production \
    MCP_TRANSPORT=http \
    MCP_HTTP_HOST=0.0.0.0 \
    MCP_HTTP_PORT=8080

LABEL org.opencontainers.image.title="autotask-mcp" \
      org.opencontainers.image.description="MCP server for Kaseya/Datto Autotask PSA: typed tools, confirmed writes, demo tenant" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.licenses="MIT"

USER 10001:10001
EXPOSE 8080
STOPSIGNAL SIGTERM
# node itself checks /health (no curl or wget in the image); /health needs no token and makes no
# Autotask call, so it is cheap and never leaks anything.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.MCP_HTTP_PORT||8080)+'/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/index.js"]

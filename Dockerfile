# syntax=docker/dockerfile:1
# Node 24 LTS, pinned to a patch release: move it deliberately (security releases), never by a rebuild.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only, without the optional embedded PostgreSQL (~100 MB of binaries):
# the image always runs against DATABASE_URL, and says so if it is missing.
RUN npm install --omit=dev --omit=optional --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
# The code stays root's and read-only; the service runs as the image's unprivileged user.
USER node
EXPOSE 3000
# The process (GET /health/live): a database outage must not mark, and get restarted, every container.
# A load balancer routes on GET /health/ready instead (docs/operations.md).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]

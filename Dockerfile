# Multi-stage build of the whole monorepo; one image runs any service (docker-compose.yml,
# deploy/k8s). test/deploy/deployment-manifests.spec.ts checks every command against the layout.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/oms/package.json apps/oms/
COPY apps/risk/package.json apps/risk/
COPY apps/connector-miniqmt/package.json apps/connector-miniqmt/
COPY apps/desk/package.json apps/desk/
COPY libs/domain/package.json libs/domain/
COPY libs/contracts/package.json libs/contracts/
COPY libs/messaging/package.json libs/messaging/
COPY libs/persistence/package.json libs/persistence/
COPY libs/observability/package.json libs/observability/
COPY libs/runtime/package.json libs/runtime/
COPY migrations/package.json migrations/
RUN npm ci --no-audit --no-fund
COPY . .
# Compiled output, protos and config stay; sources, tests and benches do not ship.
RUN npm run build \
  && npm prune --omit=dev \
  && rm -rf apps/*/src apps/*/test libs/*/src libs/*/testing test bench deploy docs \
  && find apps libs migrations -name '*.tsbuildinfo' -delete \
  && find migrations -maxdepth 1 -name '*.ts' -delete

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# Sim broker state (DATA_DIR/sim) and the desk's embedded Postgres live here, writable by node.
ENV DATA_DIR=/data
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080 8081 8082 50051 50052
# Overridden per service: apps/oms/dist/main.js, apps/risk/dist/main.js,
# apps/connector-miniqmt/dist/main.js, or the all-in-one apps/desk/dist/main.js.
CMD ["node", "apps/desk/dist/main.js"]

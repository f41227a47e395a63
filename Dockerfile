# Multi-stage build of the whole monorepo; one image runs any service (see docker-compose.yml).
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
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node
# Overridden per service: apps/oms/dist/main.js, apps/risk/dist/main.js,
# apps/connector-miniqmt/dist/main.js, or the all-in-one apps/desk/dist/main.js.
CMD ["node", "apps/desk/dist/main.js"]

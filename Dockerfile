# One image for the three services and the live console; compose and Kubernetes choose the entrypoint
# (dist/apps/<app>/src/main.js).
# The build stage runs `npm run build`, the same command the tests run before they start the services (it also
# bundles the console's page into dist/console-web with vite: nothing is fetched at run time).
# Node 24 is the Active LTS; the same tag is built locally by `npm run test:compose` (infra/compose-test/).
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build

FROM ${NODE_IMAGE} AS production-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE}
# tini as PID 1: the kernel ignores signals PID 1 has no handler for, including the SIGKILL a crash fault
# (X-Fault-Inject) sends the service itself; under tini the service is PID 2 and dies as a crash should.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The one-shot database setup (compose's db-setup service) runs from the same image.
COPY infra/db ./infra/db
USER node
EXPOSE 3000 3001 3002 3003
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Compose's `command` and Kubernetes' `args` replace CMD only; tini stays the entrypoint.
ENTRYPOINT ["tini", "--"]
CMD ["node", "dist/apps/order-service/src/main.js"]

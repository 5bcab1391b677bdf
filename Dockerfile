# One image, two roles: `api` and `worker` (or `all`), chosen by the command.
# The dashboard is built in its own stage (it needs the dev dependencies: vite); the image gets only web/dist.
# better-sqlite3 (Health Connect exports) is a native addon that npm builds from source (.prebuild-installrc: nothing is fetched
# from outside the registry) with python3, make and g++, so the stages that install dependencies have them; the
# final image copies the built node_modules and has no compiler.
FROM node:20-bookworm-slim AS toolchain
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*

FROM toolchain AS dashboard
WORKDIR /build
COPY package.json package-lock.json .prebuild-installrc ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY web ./web
RUN npm run build:web

FROM toolchain AS deps
WORKDIR /build
COPY package.json package-lock.json .prebuild-installrc ./
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 UPLOAD_DIR=/app/var/uploads
COPY package.json package-lock.json ./
COPY --from=deps /build/node_modules ./node_modules
COPY tsconfig.json ./
COPY drizzle ./drizzle
COPY src ./src
COPY workers ./workers
COPY --from=dashboard /build/web/dist ./web/dist
RUN mkdir -p /app/var/uploads && chown -R node:node /app/var
USER node
EXPOSE 3000
# The heap cap of `npm start` (package.json); a worker-only container may lower it with
# NODE_OPTIONS=--max-old-space-size=192, as `npm run start:worker` does.
ENTRYPOINT ["node", "--max-old-space-size=256", "--import", "tsx", "src/process/main.ts"]
CMD ["all"]

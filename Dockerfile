# One image, two roles: `api` and `worker` (or `all`), chosen by the command.
# The dashboard is built in its own stage (it needs the dev dependencies: vite); the image gets only web/dist.
FROM node:20-bookworm-slim AS dashboard
WORKDIR /build
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY web ./web
RUN npm run build:web

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 UPLOAD_DIR=/app/var/uploads
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY drizzle ./drizzle
COPY src ./src
COPY workers ./workers
COPY --from=dashboard /build/web/dist ./web/dist
RUN mkdir -p /app/var/uploads && chown -R node:node /app/var
USER node
EXPOSE 3000
ENTRYPOINT ["node", "--import", "tsx", "src/process/main.ts"]
CMD ["all"]

# One image, two roles: `api` and `worker` (or `all`), chosen by the command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 UPLOAD_DIR=/app/var/uploads
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY drizzle ./drizzle
COPY src ./src
RUN mkdir -p /app/var/uploads && chown -R node:node /app/var
USER node
EXPOSE 3000
ENTRYPOINT ["node", "--import", "tsx", "src/process/main.ts"]
CMD ["all"]

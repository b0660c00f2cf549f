# syntax=docker/dockerfile:1
# postmortem-followups: the Probot server. Build: docker build -t postmortem-followups .
# Run: docker run -p 3000:3000 --env-file .env postmortem-followups

# Stage 1: install every dependency and compile TypeScript to lib/.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Stage 2: production dependencies and the compiled app only.
FROM node:24-slim
# A smaller young generation: V8 sizes it from the host's memory (128 MB on a large node), which
# doubled the peak RSS of a 1000-repository sweep for garbage only (docs/benchmarks.md, Memory).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    NODE_OPTIONS=--max-semi-space-size=8
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/lib ./lib
COPY bin ./bin
COPY templates ./templates
COPY schema ./schema
COPY app.yml ./
# `postmortem-followups sweep` (and the other CLI commands) on PATH, for a scheduler container.
RUN ln -s /app/bin/postmortem-followups.js /usr/local/bin/postmortem-followups
# Everything stays owned by root: read-only for the app, which writes nothing to disk (register
# the app with `npm start` on a workstation; in production the server refuses to start without
# APP_ID, PRIVATE_KEY and WEBHOOK_SECRET), so the root filesystem can be mounted read-only.
USER node
EXPOSE 3000
# GET /healthz answers 200 once the app is loaded (no GitHub request).
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Not `npm start`: its prestart would rebuild, and npm would sit between the signals and node.
CMD ["node", "lib/app/server.js"]

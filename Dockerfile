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
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/lib ./lib
COPY bin ./bin
COPY templates ./templates
COPY schema ./schema
COPY app.yml ./
# The code stays owned by root (read-only for the app); the folder itself is the node user's, so
# Probot's setup page can write the .env of a newly registered app.
RUN chown node:node /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ping').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Not `npm start`: its prestart would rebuild, and npm would sit between the signals and node.
CMD ["node", "lib/server.js"]

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Printed by `npm test` (so in CI): what the suite covers must not drop when tests are merged
    // or moved (issue 13). The e2e tests run lib/app/server.js in child processes, which v8 coverage of
    // this process does not see: the figure is the in-process suite's.
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text-summary", "json-summary"],
      reportsDirectory: "coverage",
    },
  },
});

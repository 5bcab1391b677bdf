import { defineConfig } from "vitest/config";

// `npm run test:faults`: the service against its own Postgres cluster and Redis, which the tests stop and restart.
// Apart from `npm test` because each file starts a cluster and waits out outages; the files run one at a time.
export default defineConfig({
  test: {
    name: "faults",
    include: ["tests/faults/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    poolOptions: { forks: { singleFork: true } },
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});

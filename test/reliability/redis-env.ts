import { it } from "vitest";

/**
 * The Redis tests need a real redis-server (`.ci/redis.sh` starts one and exports REDIS_URL).
 * Locally without one they are skipped with a visible message; under CI=true a missing REDIS_URL
 * is a failure, so the replica tests can never be skipped silently in CI.
 */
export const REDIS_URL = process.env.REDIS_URL?.trim() || undefined;

export function redisAvailabilityTest(suite: string): void {
  it(`${suite}: Redis is available (required under CI=true)`, () => {
    if (REDIS_URL) return;
    if (process.env.CI === "true")
      throw new Error(
        "REDIS_URL is not set under CI=true: .ci/redis.sh should have started redis-server (see its output)",
      );
    console.warn(
      `\n[${suite}] SKIPPED: REDIS_URL is not set. Start one with \`source .ci/redis.sh\` to run the Redis tests.\n`,
    );
  });
}

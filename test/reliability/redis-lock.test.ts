import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import {
  createRepoLock,
  LockTimeoutError,
  type RedisLike,
  RedisRepoLock,
} from "../../src/infra/redis-lock.js";
import { REDIS_URL, redisAvailabilityTest } from "./redis-env.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

redisAvailabilityTest("redis-lock");

describe("createRepoLock", () => {
  it("stays in process without REDIS_URL and under NODE_ENV=test", async () => {
    // Wrapped to time lock waits (the metrics); nothing listens on port 1, so a task that runs at
    // all ran under the in-process lock.
    const lock = createRepoLock({ NODE_ENV: "test", REDIS_URL: "redis://127.0.0.1:1" });
    expect(lock.close).toBeUndefined();
    await expect(lock.withLock("acme/pay", async () => 42)).resolves.toBe(42);
  });
});

describe.skipIf(!REDIS_URL)("RedisRepoLock (real redis-server)", () => {
  const clients: Redis[] = [];
  const client = () => {
    const redis = new Redis(REDIS_URL!, { maxRetriesPerRequest: 1 });
    clients.push(redis);
    return redis as unknown as RedisLike & Redis;
  };
  const prefix = `test:${process.pid}:${Date.now()}:`;
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  it("two replicas (two clients) never run tasks for one key at the same time", async () => {
    const a = new RedisRepoLock(client(), { prefix, retryMinMs: 5, retryMaxMs: 20 });
    const b = new RedisRepoLock(client(), { prefix, retryMinMs: 5, retryMaxMs: 20 });
    let inside = 0;
    let maxInside = 0;
    const order: string[] = [];
    const task = (name: string) => async () => {
      inside++;
      maxInside = Math.max(maxInside, inside);
      order.push(`${name}+`);
      await sleep(15);
      order.push(`${name}-`);
      inside--;
      return name;
    };
    const results = await Promise.all([
      a.withLock("octo/repo", task("a1")),
      b.withLock("octo/repo", task("b1")),
      a.withLock("octo/repo", task("a2")),
      b.withLock("octo/repo", task("b2")),
      a.withLock("octo/other", async () => "other"),
    ]);
    expect(results).toEqual(["a1", "b1", "a2", "b2", "other"]);
    expect(maxInside).toBe(1);
    for (let i = 0; i < order.length; i += 2) expect(order[i]!.slice(0, -1)).toBe(order[i + 1]!.slice(0, -1));
    expect(a.contended + b.contended).toBeGreaterThan(0);
  });

  it("releases on error, and only its own token (compare-and-delete)", async () => {
    const redis = client();
    const lock = new RedisRepoLock(redis, { prefix, ttlMs: 200 });
    await expect(
      lock.withLock("octo/fails", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await redis.get(`${prefix}octo/fails`)).toBeNull();

    // A holder whose key expired (and was taken by someone else) must not delete the new holder's key.
    // Stop renewal from keeping the key: a client whose eval fails for RENEW only.
    const noRenew: RedisLike = {
      set: (...args) => redis.set(...args),
      eval: (script, n, ...args) =>
        script.includes("pexpire") ? Promise.resolve(0) : redis.eval(script, n, ...args),
    };
    const expiring = new RedisRepoLock(noRenew, { prefix, ttlMs: 60 });
    let otherHeld = false;
    await expiring.withLock("octo/expire", async () => {
      await sleep(120); // the key expired
      await redis.set(`${prefix}octo/expire`, "someone-else", "PX", 5_000, "NX");
      otherHeld = true;
    });
    expect(otherHeld).toBe(true);
    expect(await redis.get(`${prefix}octo/expire`)).toBe("someone-else");
    await redis.del(`${prefix}octo/expire`);
  });

  it("renews the key while a task outlives the ttl", async () => {
    const redis = client();
    const lock = new RedisRepoLock(redis, { prefix, ttlMs: 90 });
    const other = new RedisRepoLock(client(), { prefix, ttlMs: 90, waitMs: 150, retryMinMs: 5 });
    await lock.withLock("octo/long", async () => {
      await sleep(250); // almost 3 ttls
      expect(await redis.get(`${prefix}octo/long`)).not.toBeNull();
      await expect(other.withLock("octo/long", async () => "never")).rejects.toBeInstanceOf(LockTimeoutError);
    });
    expect(await other.withLock("octo/long", async () => "now")).toBe("now");
  });
});

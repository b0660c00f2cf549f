import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import {
  COMMANDS_PER_WINDOW,
  CommandLimiter,
  commandLimitKey,
  InProcessCommandLimitStore,
} from "../../src/infra/command-limit.js";
import { createCommandLimiter, RedisCommandLimitStore } from "../../src/infra/redis-command-limit.js";
import type { RedisLike } from "../../src/infra/redis-lock.js";
import { REDIS_URL, redisAvailabilityTest } from "./redis-env.js";

redisAvailabilityTest("redis-command-limit");

describe("createCommandLimiter", () => {
  it("stays in process under NODE_ENV=test, a fresh one each time", async () => {
    const a = createCommandLimiter({ NODE_ENV: "test", REDIS_URL: "redis://127.0.0.1:1" });
    const b = createCommandLimiter({ NODE_ENV: "test", REDIS_URL: "redis://127.0.0.1:1" });
    expect(a).not.toBe(b);
    expect((await a.arrive("k")).action).toBe("answer");
  });
});

describe.skipIf(!REDIS_URL)("RedisCommandLimitStore (real redis-server)", () => {
  const clients: Redis[] = [];
  const client = () => {
    const redis = new Redis(REDIS_URL!, { maxRetriesPerRequest: 1 });
    clients.push(redis);
    return redis;
  };
  const prefix = `test:${process.pid}:${Date.now()}:commands:`;
  const replica = () =>
    new CommandLimiter(new RedisCommandLimitStore(client() as unknown as RedisLike, { prefix }));
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  it("two replicas (two clients, one Redis): an outsider is answered once, then one reaction, then nothing", async () => {
    const [a, b] = [replica(), replica()];
    const key = commandLimitKey("acme/pay", 5, "mallory");
    const run = async (limiter: CommandLimiter) => {
      const arrival = await limiter.arrive(key);
      return arrival.action === "answer" ? (await limiter.outsider(key)).action : arrival.action;
    };
    // Both at once: both pass arrival (nothing known yet), the outsider count lets one answer.
    const first = await Promise.all([run(a), run(b)]);
    expect(first.sort()).toEqual(["answer", "react"]);
    expect([await run(a), await run(b)]).toEqual(["ignore", "ignore"]);
  });

  it("the counts are namespaced keys that expire (one hour, one minute)", async () => {
    const redis = client();
    const limiter = replica();
    const key = commandLimitKey("acme/pay", 6, "Eve");
    await limiter.arrive(key);
    await limiter.outsider(key);
    const keys = (await redis.keys(`${prefix}*`)).filter((k) => k.includes("#6@")).sort();
    expect(keys).toEqual([`${prefix}{acme/pay#6@eve}:commands`, `${prefix}{acme/pay#6@eve}:outsider`]);
    const [commandsTtl, outsiderTtl] = await Promise.all(keys.map((k) => redis.pttl(k)));
    expect(commandsTtl).toBeGreaterThan(0);
    expect(commandsTtl).toBeLessThanOrEqual(60_000);
    expect(outsiderTtl).toBeGreaterThan(60_000);
    expect(outsiderTtl).toBeLessThanOrEqual(3_600_000);
  });

  it("a writer: the per-minute budget is shared by the replicas", async () => {
    const [a, b] = [replica(), replica()];
    const key = commandLimitKey("acme/pay", 7, "alice");
    const actions: string[] = [];
    for (let i = 0; i < COMMANDS_PER_WINDOW + 2; i++)
      actions.push((await (i % 2 ? a : b).arrive(key)).action);
    expect(actions).toEqual([
      ...Array.from({ length: COMMANDS_PER_WINDOW }, () => "answer"),
      "react",
      "ignore",
    ]);
  });

  it("the in-process store gives the same answers as Redis for the same sequence", async () => {
    const redis = replica();
    const local = new CommandLimiter(new InProcessCommandLimitStore());
    const sequence = async (limiter: CommandLimiter, key: string) => {
      const out: string[] = [];
      for (let i = 0; i < 4; i++) {
        const arrival = await limiter.arrive(key);
        out.push(arrival.action === "answer" ? (await limiter.outsider(key)).action : arrival.action);
      }
      return out;
    };
    const key = commandLimitKey("acme/pay", 8, "mallory");
    expect(await sequence(redis, key)).toEqual(await sequence(local, key));
  });
});

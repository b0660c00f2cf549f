import {
  type Arrival,
  CommandLimiter,
  type CommandLimitStore,
  InProcessCommandLimitStore,
  type WindowCount,
} from "./command-limit.js";
import { processRedis, type RedisLike, type RedisLockOptions } from "./redis-lock.js";

/**
 * The command limiter's counts in Redis, shared by every replica (the same `REDIS_URL` as the
 * repository lock). No rate-limiting library: `rate-limiter-flexible` would fit but is not a
 * dependency, and a fixed window is one key with a TTL, counted by a short Lua script (INCR, and
 * PEXPIRE on the first hit) in one atomic round trip through the ioredis client we already have.
 *
 * Keys are namespaced and always expire: `<prefix>{owner/repo#issue@login}:outsider` (one hour)
 * and `…:commands` (one minute). The braces are a Redis Cluster hash tag, so the two keys of one
 * user and issue live in one slot and the arrival script may touch both.
 */

export const REDIS_COMMAND_LIMIT_PREFIX = "postmortem-followups:commands:";

/** Count in the outsider window when it is open, otherwise in the command window. */
const ARRIVE = `
if redis.call("exists", KEYS[1]) == 1 then
  local c = redis.call("incr", KEYS[1])
  local ttl = redis.call("pttl", KEYS[1])
  return {1, c, ttl}
end
local c = redis.call("incr", KEYS[2])
local ttl = redis.call("pttl", KEYS[2])
if ttl < 0 then redis.call("pexpire", KEYS[2], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {0, c, ttl}`;

/** Count in the outsider window, opening it with the first hit. */
const HIT = `
local c = redis.call("incr", KEYS[1])
local ttl = redis.call("pttl", KEYS[1])
if ttl < 0 then redis.call("pexpire", KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {c, ttl}`;

export class RedisCommandLimitStore implements CommandLimitStore {
  readonly #redis: RedisLike;
  readonly #prefix: string;
  readonly #now: () => number;

  constructor(redis: RedisLike, options: { prefix?: string; now?: () => number } = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? REDIS_COMMAND_LIMIT_PREFIX;
    this.#now = options.now ?? Date.now;
  }

  #keys(key: string): [outsider: string, commands: string] {
    const base = `${this.#prefix}{${key}}`;
    return [`${base}:outsider`, `${base}:commands`];
  }

  async arrive(key: string, commandWindowMs: number): Promise<Arrival> {
    const [outsider, commands] = this.#keys(key);
    const [inOutsider, count, ttl] = (await this.#redis.eval(
      ARRIVE,
      2,
      outsider,
      commands,
      Math.max(1, Math.round(commandWindowMs)),
    )) as [number, number, number];
    const seen = { count: Number(count), resetAt: this.#now() + Number(ttl) };
    return inOutsider === 1 ? { outsider: seen, commands: null } : { outsider: null, commands: seen };
  }

  async outsider(key: string, windowMs: number): Promise<WindowCount> {
    const [outsider] = this.#keys(key);
    const [count, ttl] = (await this.#redis.eval(HIT, 1, outsider, Math.max(1, Math.round(windowMs)))) as [
      number,
      number,
    ];
    return { count: Number(count), resetAt: this.#now() + Number(ttl) };
  }

  async close(): Promise<void> {
    await this.#redis.quit?.();
  }
}

let shared: CommandLimiter | null = null;

/**
 * The process's command limiter, selected like the repository lock (`createRepoLock`): in Redis
 * when `REDIS_URL` is set (several replicas count together), in process otherwise. One instance per
 * process, so `/validated` and `/followups status` share each user's budget on an issue. Under
 * `NODE_ENV=test` it is in process and NOT shared: each test app starts with fresh counts.
 */
export function createCommandLimiter(
  env: Record<string, string | undefined> = process.env,
  log?: RedisLockOptions["log"],
): CommandLimiter {
  if (env.NODE_ENV === "test") return new CommandLimiter(new InProcessCommandLimitStore());
  if (shared) return shared;
  const url = env.REDIS_URL?.trim();
  if (!url) {
    shared = new CommandLimiter(new InProcessCommandLimitStore());
    return shared;
  }
  shared = new CommandLimiter(new RedisCommandLimitStore(processRedis(url, log)));
  return shared;
}

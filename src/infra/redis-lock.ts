import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { InProcessRepoLock, type RepoLock } from "./lock.js";
import { runObserver } from "./telemetry.js";

/**
 * A per-repository lock shared by several replicas, in Redis (the same `REDIS_URL` Probot uses to
 * share rate limits between replicas). Without it, two replicas that receive the
 * `pull_request.closed` and the `push` of one squash merge (or a redelivery) could both plan
 * "create" for the same follow-up and create it twice.
 *
 * - acquire: `SET key token NX PX ttl`, retried with exponential backoff and jitter for at most
 *   `waitMs` (then the run fails with `LockTimeoutError`; the sweep catches up later);
 * - hold: the key is renewed every `ttlMs / 3` while the task runs (compare-and-pexpire), so a
 *   long reconcile (GitHub spaces writes 1 to 3 s apart) keeps it; a replica that dies stops
 *   renewing and the key expires after `ttlMs`;
 * - release: a Lua compare-and-delete, so a replica never deletes a lock another one now holds.
 *
 * Tasks of one process queue in process first (`InProcessRepoLock`), so a replica holds at most
 * one Redis lock per repository and its own events never poll Redis against each other.
 */

export const REDIS_LOCK_PREFIX = "postmortem-followups:lock:";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

export interface RedisLockOptions {
  /** Key lifetime without renewal (ms). */
  ttlMs?: number;
  /** Longest wait for a lock held by another replica (ms). */
  waitMs?: number;
  /** First and largest pause between attempts (ms). */
  retryMinMs?: number;
  retryMaxMs?: number;
  prefix?: string;
  log?: { warn(obj: object, msg?: string): void; debug?(obj: object, msg?: string): void };
}

/** What the lock needs of a Redis client (ioredis). */
export interface RedisLike {
  set(key: string, value: string, px: "PX", ttl: number, nx: "NX"): Promise<"OK" | null>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  quit?(): Promise<unknown>;
}

export class LockTimeoutError extends Error {
  constructor(
    readonly key: string,
    readonly waitedMs: number,
  ) {
    super(`could not acquire the lock for ${key} within ${waitedMs} ms (another replica holds it)`);
    this.name = "LockTimeoutError";
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RedisRepoLock implements RepoLock {
  readonly #redis: RedisLike;
  readonly #local = new InProcessRepoLock();
  readonly #ttlMs: number;
  readonly #waitMs: number;
  readonly #retryMinMs: number;
  readonly #retryMaxMs: number;
  readonly #prefix: string;
  readonly #log: RedisLockOptions["log"];
  /** Acquisitions that had to wait for another holder (diagnostics and tests). */
  contended = 0;

  async close(): Promise<void> {
    await this.#redis.quit?.();
  }

  constructor(redis: RedisLike, options: RedisLockOptions = {}) {
    this.#redis = redis;
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#waitMs = options.waitMs ?? 10 * 60_000;
    this.#retryMinMs = options.retryMinMs ?? 25;
    this.#retryMaxMs = options.retryMaxMs ?? 1_000;
    this.#prefix = options.prefix ?? REDIS_LOCK_PREFIX;
    this.#log = options.log;
  }

  withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.#local.withLock(key, () => this.#withRedisLock(key, task));
  }

  async #withRedisLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const redisKey = `${this.#prefix}${key}`;
    const token = randomUUID();
    await this.#acquire(redisKey, token);
    let lost = false;
    const renewal = setInterval(
      () => {
        this.#redis
          .eval(RENEW, 1, redisKey, token, this.#ttlMs)
          .then((renewed) => {
            if (renewed === 1 || lost) return;
            lost = true;
            this.#log?.warn(
              { key },
              "the repository lock expired while held (Redis unreachable for too long?)",
            );
          })
          .catch((error: unknown) =>
            this.#log?.warn({ key, err: error }, "could not renew the repository lock"),
          );
      },
      Math.max(10, Math.floor(this.#ttlMs / 3)),
    );
    renewal.unref?.();
    try {
      return await task();
    } finally {
      clearInterval(renewal);
      try {
        await this.#redis.eval(RELEASE, 1, redisKey, token);
      } catch (error) {
        // The key expires by itself after ttlMs.
        this.#log?.warn({ key, err: error }, "could not release the repository lock; it expires by itself");
      }
    }
  }

  async #acquire(redisKey: string, token: string): Promise<void> {
    const started = Date.now();
    let pause = this.#retryMinMs;
    for (let attempt = 0; ; attempt++) {
      if ((await this.#redis.set(redisKey, token, "PX", this.#ttlMs, "NX")) === "OK") {
        if (attempt > 0) {
          this.contended++;
          this.#log?.debug?.({ key: redisKey, waitedMs: Date.now() - started, attempt }, "lock acquired");
        }
        return;
      }
      const waited = Date.now() - started;
      if (waited >= this.#waitMs) throw new LockTimeoutError(redisKey, waited);
      // Full jitter: two replicas that collided do not retry in step.
      const delay = Math.min(pause, this.#waitMs - waited);
      await sleep(Math.max(1, Math.round(delay / 2 + (Math.random() * delay) / 2)));
      pause = Math.min(this.#retryMaxMs, pause * 2);
    }
  }
}

let shared: RepoLock | null = null;

/**
 * The process's repository lock: in Redis when `REDIS_URL` is set (several replicas), in process
 * otherwise. One instance per process, so every handler and the scheduler's sweep serialise on
 * the same keys. Under `NODE_ENV=test` (unit tests with an in-process Probot) it stays in process
 * even when CI exports `REDIS_URL` for the replica tests.
 */
export function createRepoLock(
  env: Record<string, string | undefined> = process.env,
  log?: RedisLockOptions["log"],
): RepoLock {
  if (shared) return shared;
  const url = env.REDIS_URL?.trim();
  const lock =
    !url || env.NODE_ENV === "test"
      ? new InProcessRepoLock()
      : new RedisRepoLock(processRedis(url, log), log ? { log } : {});
  shared = timedLock(lock);
  return shared;
}

/** The lock, reporting how long each run waited before its task started (the `lock_wait` metric). */
export function timedLock(lock: RepoLock): RepoLock {
  return {
    withLock(key, task) {
      const asked = performance.now();
      return lock.withLock(key, () => {
        runObserver().lockWait((performance.now() - asked) / 1000);
        return task();
      });
    },
    ...(lock.close ? { close: lock.close.bind(lock) } : {}),
  };
}

let sharedRedis: { url: string; client: RedisLike } | null = null;

/**
 * The process's one Redis connection (for `url`), shared by the repository lock and the command
 * limiter: both are per-process singletons, so one client serves both instead of two sockets.
 */
export function processRedis(url: string, log?: RedisLockOptions["log"]): RedisLike {
  if (sharedRedis?.url === url) return sharedRedis.client;
  const redis = new Redis(url, { maxRetriesPerRequest: 3, enableAutoPipelining: false, lazyConnect: false });
  redis.on("error", (error: unknown) => log?.warn({ err: error }, "Redis connection error"));
  sharedRedis = { url, client: redis as unknown as RedisLike };
  return sharedRedis.client;
}

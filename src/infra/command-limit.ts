/**
 * Rate limits for comment commands (`/validated`, `/followups status`), per repository, issue and
 * user. Anybody who can comment can type a command, and each answer costs the installation several
 * requests and a reply; the limits keep that work bounded:
 *
 * - someone WITHOUT write access is answered at most once per issue per hour
 *   (`OUTSIDER_ANSWERS_PER_WINDOW` per `OUTSIDER_WINDOW_MS`); their next command within the hour gets
 *   one `eyes` reaction and every later one nothing, without any other request (the limiter
 *   remembers "answered as an outsider", so the permission lookup is not repeated);
 * - everybody, writers included, gets at most `COMMANDS_PER_WINDOW` commands per issue per
 *   `COMMAND_WINDOW_MS` answered, then one reaction, then nothing until the window ends.
 *
 * The decision is pure (`decide`: what the store counted and a clock -> answer / react / ignore);
 * storage is behind `CommandLimitStore`: in process here, in Redis (./redis-command-limit.ts) when
 * `REDIS_URL` is set, chosen like the repository lock (`createCommandLimiter`).
 */

/** An outsider's answer is a reply comment and a few lookups: one per issue per hour is plenty. */
export const OUTSIDER_ANSWERS_PER_WINDOW = 1;
export const OUTSIDER_WINDOW_MS = 60 * 60_000;
/** A person types a handful of commands a minute at most; more is a script burning the rate limit. */
export const COMMANDS_PER_WINDOW = 10;
export const COMMAND_WINDOW_MS = 60_000;
/** Over the limit, one reaction says "seen, not answered"; later commands in the window get nothing. */
export const LIMITED_REACTION = "eyes" as const;

/** What a store counted for one key: commands in the current window, and when the window ends. */
export interface WindowCount {
  count: number;
  /** Epoch ms. */
  resetAt: number;
}

export interface CommandLimits {
  outsiderAnswers: number;
  outsiderWindowMs: number;
  commands: number;
  commandWindowMs: number;
}

export const DEFAULT_COMMAND_LIMITS: CommandLimits = {
  outsiderAnswers: OUTSIDER_ANSWERS_PER_WINDOW,
  outsiderWindowMs: OUTSIDER_WINDOW_MS,
  commands: COMMANDS_PER_WINDOW,
  commandWindowMs: COMMAND_WINDOW_MS,
};

export type CommandDecision =
  | { action: "answer" }
  | { action: "react" | "ignore"; retryAfterMs: number; limit: "outsider" | "commands" };

/**
 * The pure decision. `seen` is the window's count INCLUDING this command (null or ended: nothing
 * counted). Within `allowed`: answer; the first one over: one reaction; every later one: ignore.
 */
export function decide(
  seen: WindowCount | null,
  allowed: number,
  now: number,
  limit: "outsider" | "commands",
): CommandDecision {
  if (!seen || seen.resetAt <= now || seen.count <= allowed) return { action: "answer" };
  const retryAfterMs = seen.resetAt - now;
  return { action: seen.count === allowed + 1 ? "react" : "ignore", retryAfterMs, limit };
}

/** What the store says when a command arrives (one round trip, before any GitHub request). */
export interface Arrival {
  /** The user's outsider window, when they were answered as an outsider within it (counted). */
  outsider: WindowCount | null;
  /** The command window (counted), when there is no outsider window. */
  commands: WindowCount | null;
}

/** The decision on arrival: an outsider who was already answered is limited without a lookup. */
export function decideArrival(arrival: Arrival, limits: CommandLimits, now: number): CommandDecision {
  if (arrival.outsider && arrival.outsider.resetAt > now)
    return decide(arrival.outsider, limits.outsiderAnswers, now, "outsider");
  return decide(arrival.commands, limits.commands, now, "commands");
}

/** Storage. Each method is one atomic step (one Redis round trip), counting this command. */
export interface CommandLimitStore {
  /** If `key`'s outsider window is open: count the command there; otherwise count it in the
   *  command window (opened for `commandWindowMs` by the first command). */
  arrive(key: string, commandWindowMs: number): Promise<Arrival>;
  /** The author turned out to have no write access: count them in the outsider window (opened for
   *  `windowMs` by the first). Two replicas racing get 1 and 2: only one answers. */
  outsider(key: string, windowMs: number): Promise<WindowCount>;
  close?(): Promise<void>;
}

/** The limiter key: case-insensitive, like GitHub's names. */
export function commandLimitKey(repository: string, issue: number, login: string): string {
  return `${repository}#${issue}@${login}`.toLowerCase();
}

/** In-process store: two fixed windows per key, on an injectable clock. */
export class InProcessCommandLimitStore implements CommandLimitStore {
  readonly #outsiders = new Map<string, WindowCount>();
  readonly #commands = new Map<string, WindowCount>();
  readonly #now: () => number;
  #operations = 0;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async arrive(key: string, commandWindowMs: number): Promise<Arrival> {
    const now = this.#tick();
    const outsider = this.#outsiders.get(key);
    if (outsider && outsider.resetAt > now) {
      outsider.count++;
      return { outsider: { ...outsider }, commands: null };
    }
    return { outsider: null, commands: this.#hit(this.#commands, key, commandWindowMs, now) };
  }

  async outsider(key: string, windowMs: number): Promise<WindowCount> {
    return this.#hit(this.#outsiders, key, windowMs, this.#tick());
  }

  /** Keys with an open window (tests and diagnostics). */
  get size(): number {
    return this.#outsiders.size + this.#commands.size;
  }

  #hit(map: Map<string, WindowCount>, key: string, windowMs: number, now: number): WindowCount {
    let entry = map.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + windowMs };
      map.set(key, entry);
    }
    entry.count++;
    return { ...entry };
  }

  /** Ended windows are dropped now and then, so the maps hold at most an hour of commenters. */
  #tick(): number {
    const now = this.#now();
    if (++this.#operations % 256 === 0)
      for (const map of [this.#outsiders, this.#commands])
        for (const [key, entry] of map) if (entry.resetAt <= now) map.delete(key);
    return now;
  }
}

export interface CommandLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/**
 * The limiter handlers use: the store plus the limits. When the store fails (Redis down), this
 * process's own in-process store counts instead (logged): the limits still hold per replica, and a
 * Redis outage neither silences commands nor lifts the limits.
 */
export class CommandLimiter {
  readonly #store: CommandLimitStore;
  readonly #limits: CommandLimits;
  readonly #now: () => number;
  readonly #fallback: InProcessCommandLimitStore;

  constructor(
    store: CommandLimitStore = new InProcessCommandLimitStore(),
    options: { limits?: Partial<CommandLimits>; now?: () => number } = {},
  ) {
    this.#store = store;
    this.#limits = { ...DEFAULT_COMMAND_LIMITS, ...options.limits };
    this.#now = options.now ?? Date.now;
    this.#fallback = new InProcessCommandLimitStore(this.#now);
  }

  /** A command arrived (before any request). */
  async arrive(key: string, log?: CommandLog): Promise<CommandDecision> {
    const arrival = await this.#store
      .arrive(key, this.#limits.commandWindowMs)
      .catch((error: unknown) => this.#unavailable(log, error).arrive(key, this.#limits.commandWindowMs));
    return decideArrival(arrival, this.#limits, this.#now());
  }

  /** The author has no write access (after the permission lookup). */
  async outsider(key: string, log?: CommandLog): Promise<CommandDecision> {
    const seen = await this.#store
      .outsider(key, this.#limits.outsiderWindowMs)
      .catch((error: unknown) => this.#unavailable(log, error).outsider(key, this.#limits.outsiderWindowMs));
    return decide(seen, this.#limits.outsiderAnswers, this.#now(), "outsider");
  }

  #unavailable(log: CommandLog | undefined, error: unknown): CommandLimitStore {
    log?.warn({ err: error }, "the command limiter's store is unavailable: counting in process");
    return this.#fallback;
  }

  close(): Promise<void> {
    return this.#store.close?.() ?? Promise.resolve();
  }
}

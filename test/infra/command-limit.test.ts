import { describe, expect, it } from "vitest";
import {
  COMMAND_WINDOW_MS,
  COMMANDS_PER_WINDOW,
  CommandLimiter,
  type CommandLimitStore,
  commandLimitKey,
  DEFAULT_COMMAND_LIMITS,
  decide,
  decideArrival,
  InProcessCommandLimitStore,
  OUTSIDER_ANSWERS_PER_WINDOW,
  OUTSIDER_WINDOW_MS,
} from "../../src/infra/command-limit.js";

const NOW = Date.parse("2026-03-20T10:00:00.000Z");

describe("the command-limit decision (plain data, fixed clock)", () => {
  it("the limits: an outsider once an hour, anyone ten a minute", () => {
    expect([OUTSIDER_ANSWERS_PER_WINDOW, OUTSIDER_WINDOW_MS, COMMANDS_PER_WINDOW, COMMAND_WINDOW_MS]).toEqual(
      [1, 3_600_000, 10, 60_000],
    );
  });

  it.each([
    ["nothing counted", null, 1, { action: "answer" }],
    ["within the limit", { count: 1, resetAt: NOW + 1000 }, 1, { action: "answer" }],
    ["the first over", { count: 2, resetAt: NOW + 1000 }, 1, { action: "react", retryAfterMs: 1000 }],
    ["later ones", { count: 3, resetAt: NOW + 1000 }, 1, { action: "ignore", retryAfterMs: 1000 }],
    ["a window that has ended", { count: 9, resetAt: NOW }, 1, { action: "answer" }],
    ["ten a minute: the tenth", { count: 10, resetAt: NOW + 5 }, 10, { action: "answer" }],
    ["ten a minute: the eleventh", { count: 11, resetAt: NOW + 5 }, 10, { action: "react", retryAfterMs: 5 }],
  ] as const)("%s", (_name, seen, allowed, expected) => {
    expect(decide(seen, allowed, NOW, "outsider")).toEqual(
      expected.action === "answer" ? expected : { ...expected, limit: "outsider" },
    );
  });

  it("on arrival: an open outsider window decides, whatever the command window says", () => {
    const limits = DEFAULT_COMMAND_LIMITS;
    expect(decideArrival({ outsider: { count: 2, resetAt: NOW + 10 }, commands: null }, limits, NOW)).toEqual(
      {
        action: "react",
        retryAfterMs: 10,
        limit: "outsider",
      },
    );
    expect(decideArrival({ outsider: null, commands: { count: 3, resetAt: NOW + 10 } }, limits, NOW)).toEqual(
      {
        action: "answer",
      },
    );
    expect(
      decideArrival({ outsider: null, commands: { count: 12, resetAt: NOW + 10 } }, limits, NOW),
    ).toEqual({
      action: "ignore",
      retryAfterMs: 10,
      limit: "commands",
    });
    // An ended outsider window: the command window decides.
    expect(
      decideArrival(
        { outsider: { count: 5, resetAt: NOW }, commands: { count: 1, resetAt: NOW + 10 } },
        limits,
        NOW,
      ),
    ).toEqual({ action: "answer" });
  });

  it("keys are case-insensitive, per repository, issue and user", () => {
    expect(commandLimitKey("Acme/Pay", 5, "Mallory")).toBe("acme/pay#5@mallory");
    expect(commandLimitKey("acme/pay", 6, "mallory")).not.toBe(commandLimitKey("acme/pay", 5, "mallory"));
  });
});

describe("InProcessCommandLimitStore + CommandLimiter (fixed clock)", () => {
  it("an outsider: answered, then one reaction, then nothing; again after the hour", async () => {
    let clock = NOW;
    const limiter = new CommandLimiter(new InProcessCommandLimitStore(() => clock), { now: () => clock });
    const key = commandLimitKey("acme/pay", 5, "mallory");
    const run = async () => {
      const arrival = await limiter.arrive(key);
      return arrival.action === "answer"
        ? (await limiter.outsider(key)).action
        : `${arrival.action} (arrival)`;
    };
    expect([await run(), await run(), await run()]).toEqual([
      "answer",
      "react (arrival)",
      "ignore (arrival)",
    ]);
    clock += OUTSIDER_WINDOW_MS;
    expect([await run(), await run()]).toEqual(["answer", "react (arrival)"]);
    // Another issue, another user: their own budgets.
    expect((await limiter.arrive(commandLimitKey("acme/pay", 6, "mallory"))).action).toBe("answer");
    expect((await limiter.arrive(commandLimitKey("acme/pay", 5, "eve"))).action).toBe("answer");
  });

  it("two outsider commands racing past arrival: only the first is answered", async () => {
    const limiter = new CommandLimiter(new InProcessCommandLimitStore(() => NOW), { now: () => NOW });
    const key = commandLimitKey("acme/pay", 5, "mallory");
    expect([(await limiter.arrive(key)).action, (await limiter.arrive(key)).action]).toEqual([
      "answer",
      "answer",
    ]);
    expect([(await limiter.outsider(key)).action, (await limiter.outsider(key)).action]).toEqual([
      "answer",
      "react",
    ]);
  });

  it("ended windows are dropped, so the store does not grow with old commenters", async () => {
    let clock = NOW;
    const store = new InProcessCommandLimitStore(() => clock);
    for (let i = 0; i < 300; i++) await store.arrive(`k${i}`, COMMAND_WINDOW_MS);
    clock += COMMAND_WINDOW_MS;
    for (let i = 0; i < 256; i++) await store.arrive("again", COMMAND_WINDOW_MS);
    expect(store.size).toBe(1);
  });

  it("a store that fails (Redis down): counted in process instead, the limits still hold", async () => {
    const broken: CommandLimitStore = {
      arrive: () => Promise.reject(new Error("ECONNREFUSED")),
      outsider: () => Promise.reject(new Error("ECONNREFUSED")),
    };
    const warnings: string[] = [];
    const log = { info() {}, warn: (_obj: object, msg?: string) => warnings.push(msg ?? "") };
    const limiter = new CommandLimiter(broken, { now: () => NOW });
    const key = commandLimitKey("acme/pay", 5, "mallory");
    expect((await limiter.arrive(key, log)).action).toBe("answer");
    expect((await limiter.outsider(key, log)).action).toBe("answer");
    expect((await limiter.arrive(key, log)).action).toBe("react");
    expect(warnings).toHaveLength(3);
  });
});

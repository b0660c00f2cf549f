import { describe, expect, it } from "vitest";
import { InProcessRepoLock, repoLockKey } from "../../src/infra/lock.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("InProcessRepoLock", () => {
  it("runs tasks of one repository one after another, in arrival order", async () => {
    const lock = new InProcessRepoLock();
    const events: string[] = [];
    const task = (name: string) => async () => {
      events.push(`start ${name}`);
      await tick();
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      lock.withLock("acme/pay", task("a")),
      lock.withLock("acme/pay", task("b")),
      lock.withLock("acme/pay", task("c")),
    ]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(events).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
    expect(lock.busyKeys).toEqual([]);
  });

  it("lets different repositories run at the same time", async () => {
    const lock = new InProcessRepoLock();
    const events: string[] = [];
    const task = (name: string) => async () => {
      events.push(`start ${name}`);
      await tick();
      events.push(`end ${name}`);
    };
    await Promise.all([lock.withLock("acme/pay", task("pay")), lock.withLock("acme/web", task("web"))]);
    expect(events.slice(0, 2)).toEqual(["start pay", "start web"]);
  });

  it("releases the lock when a task fails", async () => {
    const lock = new InProcessRepoLock();
    await expect(
      lock.withLock("k", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await lock.withLock("k", async () => "next")).toBe("next");
    expect(lock.busyKeys).toEqual([]);
  });

  it("keys repositories case-insensitively, like GitHub", () => {
    expect(repoLockKey("Acme", "Pay")).toBe(repoLockKey("acme", "pay"));
  });
});

import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/domain/config/load.js";
import type { Config } from "../../../src/domain/config/schema.js";
import type { InstallationInfo, RepositoryInfo } from "../../../src/github/installations.js";
import { emptyResult } from "../../../src/runs/sweep/repository.js";
import { CONFIG_TTL_MS, schedulerEnabled, WeeklyScheduler } from "../../../src/runs/sweep/scheduler.js";
import type { SweepSource, SweepTarget } from "../../../src/runs/sweep/sweep.js";

const silent = { debug() {}, info() {}, warn() {}, error() {} };

function repository(repo: string): RepositoryInfo {
  return { owner: "acme", repo, defaultBranch: "main", archived: false, serverUrl: "https://github.com" };
}

/** Repositories with their weekly config; counts config reads and sweeps (what costs requests). */
function fakeGitHub(
  weekly: Record<string, Partial<Config["weekly"]>>,
  configs: Record<string, (config: Config) => Config> = {},
) {
  const calls = { configReads: [] as string[], sweeps: [] as string[], nudges: [] as string[] };
  const errorsFor = new Set<string>();
  const installation: InstallationInfo = { id: 1, account: "acme", suspended: false };
  const source = (gate: (config: Config, target: SweepTarget) => boolean | "nudges"): SweepSource => ({
    installations: async () => [installation],
    repositories: async () => Object.keys(weekly).map(repository),
    sweep: async (target) => {
      const name = `acme/${target.repository.repo}`;
      calls.configReads.push(name);
      const base = defaultConfig();
      const given = { ...base, weekly: { ...base.weekly, ...weekly[target.repository.repo] } };
      const config = configs[target.repository.repo]?.(given) ?? given;
      const mode = gate(config, target);
      if (!mode) return emptyResult(name, "not-due");
      const result = emptyResult(name, "ok");
      result.nudges = {
        sent: { reminders: 0, overdue: 0, escalations: 0 },
        nudges: [],
        labelsChanged: 0,
        deferred: 0,
        errors: [],
        issues: [],
      };
      if (mode === "nudges") {
        result.nudgesOnly = true;
        calls.nudges.push(name);
        if (errorsFor.has(name)) result.nudges.errors.push("502");
        return result;
      }
      calls.sweeps.push(name);
      if (errorsFor.has(name)) result.errors.push("502");
      return result;
    },
  });
  return { calls, errorsFor, source };
}

function scheduler(gh: ReturnType<typeof fakeGitHub>) {
  return new WeeklyScheduler({ log: silent, source: async (gate) => gh.source(gate) });
}

describe("the hourly scheduler", () => {
  it("sweeps each repository once its weekly slot has passed, once a week", async () => {
    const gh = fakeGitHub({
      pay: {},
      web: { day: "wednesday", hour: 17, timezone: "Asia/Seoul" },
    });
    const s = scheduler(gh);
    // Monday 08:00 UTC: nobody's slot yet.
    await s.tick(new Date("2026-11-23T08:00:00Z"));
    expect(gh.calls.sweeps).toEqual([]);
    expect(gh.calls.configReads).toEqual(["acme/pay", "acme/web"]);

    // Monday 09:00 UTC: pay's slot (default Monday 09:00 UTC).
    const summary = await s.tick(new Date("2026-11-23T09:00:00Z"));
    expect(gh.calls.sweeps).toEqual(["acme/pay"]);
    expect(summary.repositories).toBe(1);
    // pay's config is read fresh before its sweep; web's cached config says its slot has not come.
    expect(gh.calls.configReads).toEqual(["acme/pay", "acme/web", "acme/pay"]);
    await s.tick(new Date("2026-11-23T10:00:00Z"));
    expect(gh.calls.configReads).toHaveLength(3);

    // Wednesday 08:00 UTC = 17:00 in Seoul: web's slot, after its cached config expired.
    await s.tick(new Date("2026-11-25T08:00:00Z"));
    expect(gh.calls.sweeps).toEqual(["acme/pay", "acme/web"]);

    // Later the same week: no sweep; pay's daily nudge pass at its hour (09:00 UTC), once that
    // day (web had its pass with its sweep). Within the TTL no other config read.
    let before = gh.calls.configReads.length;
    const nudgesBefore = gh.calls.nudges.length;
    await s.tick(new Date("2026-11-25T09:00:00Z"));
    await s.tick(new Date("2026-11-25T10:00:00Z"));
    expect(gh.calls.configReads.length - before).toBe(1);
    expect(gh.calls.nudges.slice(nudgesBefore)).toEqual(["acme/pay"]);
    expect(gh.calls.sweeps).toEqual(["acme/pay", "acme/web"]);
    before = gh.calls.configReads.length;
    await s.tick(new Date("2026-11-25T11:00:00Z"));
    expect(gh.calls.configReads.length).toBe(before);
    // Once a cached config is stale it is read again (so a moved slot is noticed), with no sweep.
    before = gh.calls.configReads.length;
    await s.tick(new Date("2026-11-29T23:00:00Z"));
    expect(gh.calls.configReads.length - before).toBe(2);
    expect(gh.calls.sweeps).toEqual(["acme/pay", "acme/web"]);

    // The next week, after the slot: again.
    await s.tick(new Date("2026-11-30T09:00:00Z"));
    expect(gh.calls.sweeps).toEqual(["acme/pay", "acme/web", "acme/pay"]);
  });

  it("a process that was down at the slot catches up at the next tick", async () => {
    const gh = fakeGitHub({ pay: {} });
    await scheduler(gh).tick(new Date("2026-11-27T15:00:00Z"));
    expect(gh.calls.sweeps).toEqual(["acme/pay"]);
  });

  it("retries a sweep that ended with errors, at most three times a week", async () => {
    const gh = fakeGitHub({ pay: {} });
    gh.errorsFor.add("acme/pay");
    const s = scheduler(gh);
    for (let hour = 9; hour < 15; hour++)
      await s.tick(new Date(`2026-11-23T${String(hour).padStart(2, "0")}:00:00Z`));
    expect(gh.calls.sweeps).toHaveLength(3);
  });

  it("between weekly slots, nudges each repository once a day from its hour, apart from the weekly sweep", async () => {
    const gh = fakeGitHub({ pay: {} });
    const s = scheduler(gh);
    // Monday's slot: the sweep does that day's nudges too.
    await s.tick(new Date("2026-11-23T09:00:00Z"));
    await s.tick(new Date("2026-11-23T15:00:00Z"));
    expect([gh.calls.sweeps, gh.calls.nudges]).toEqual([["acme/pay"], []]);
    // Tuesday: not before 09:00, then once.
    await s.tick(new Date("2026-11-24T08:00:00Z"));
    for (let hour = 9; hour < 13; hour++)
      await s.tick(new Date(`2026-11-24T${String(hour).padStart(2, "0")}:00:00Z`));
    expect([gh.calls.sweeps, gh.calls.nudges]).toEqual([["acme/pay"], ["acme/pay"]]);
    // A failed pass is tried again on the next tick; it never counts as the week's sweep.
    gh.errorsFor.add("acme/pay");
    await s.tick(new Date("2026-11-25T09:00:00Z"));
    gh.errorsFor.clear();
    await s.tick(new Date("2026-11-25T10:00:00Z"));
    await s.tick(new Date("2026-11-25T11:00:00Z"));
    expect(gh.calls.nudges).toEqual(["acme/pay", "acme/pay", "acme/pay"]);
    expect(gh.calls.sweeps).toEqual(["acme/pay"]);
  });

  it("no daily pass (and no read for it) for a repository whose config turns every nudge off", async () => {
    const off = (c: Config): Config => ({
      ...c,
      reminders: { ...c.reminders, enabled: false },
      escalation: { ...c.escalation, enabled: false },
      labels: { ...c.labels, dueSoon: null, overdue: null },
    });
    // quiet: only the labels are on; still nudged.
    const labelsOnly = (c: Config): Config => ({ ...off(c), labels: c.labels });
    const gh = fakeGitHub({ pay: {}, web: {}, quiet: {} }, { web: off, quiet: labelsOnly });
    const s = scheduler(gh);
    await s.tick(new Date("2026-11-23T09:00:00Z"));
    expect(gh.calls.sweeps).toEqual(["acme/pay", "acme/web", "acme/quiet"]);
    // Tuesday 08:00: the cached configs expired (CONFIG_TTL_MS) and are read again; no pass yet.
    await s.tick(new Date("2026-11-24T08:00:00Z"));
    const reads = gh.calls.configReads.length;
    for (let hour = 9; hour < 13; hour++)
      await s.tick(new Date(`2026-11-24T${String(hour).padStart(2, "0")}:00:00Z`));
    expect(gh.calls.nudges).toEqual(["acme/pay", "acme/quiet"]);
    // web's cached config says nothing can be sent: its day's pass costs no request.
    expect(gh.calls.configReads.slice(reads)).toEqual(["acme/pay", "acme/quiet"]);
  });

  it("re-reads a repository's config after the TTL", () => {
    expect(CONFIG_TTL_MS).toBe(6 * 60 * 60 * 1000);
  });
});

describe("POSTMORTEM_FOLLOWUPS_SCHEDULER", () => {
  const cases: [Record<string, string | undefined>, boolean][] = [
    [{}, true],
    [{ POSTMORTEM_FOLLOWUPS_SCHEDULER: "off" }, false],
    [{ POSTMORTEM_FOLLOWUPS_SCHEDULER: "OFF" }, false],
    [{ POSTMORTEM_FOLLOWUPS_SCHEDULER: "false" }, false],
    [{ POSTMORTEM_FOLLOWUPS_SCHEDULER: "0" }, false],
    [{ NODE_ENV: "test" }, false],
    [{ NODE_ENV: "test", POSTMORTEM_FOLLOWUPS_SCHEDULER: "on" }, true],
    [{ NODE_ENV: "production", POSTMORTEM_FOLLOWUPS_SCHEDULER: "on" }, true],
  ];
  it.each(cases)("%o -> %s", (env, enabled) => {
    expect(schedulerEnabled(env)).toBe(enabled);
  });

  it("start and stop", () => {
    const s = new WeeklyScheduler({ log: silent, source: async () => fakeGitHub({}).source(() => false) });
    s.start();
    expect(s.running).toBe(true);
    s.stop();
    expect(s.running).toBe(false);
  });
});

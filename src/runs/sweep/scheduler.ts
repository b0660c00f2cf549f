import { Cron } from "croner";
import type { Config } from "../../domain/config/schema.js";
import { nudgesOff } from "../../domain/followups/nudges.js";
import { dailySlot, slotState } from "../../domain/progress/slot.js";
import type { SyncLog } from "../merge/report.js";
import type { RepoSweepResult } from "./repository.js";
import { repositoryName, type SweepSource, type SweepSummary, type SweepTarget, sweepAll } from "./sweep.js";

/**
 * The in-process weekly schedule. One croner job runs every hour; for each repository of each
 * installation it checks whether the repository's weekly slot (config `weekly.day`, `hour`,
 * `timezone`; default Monday 09:00 UTC) has passed this ISO week and, if this process has not
 * swept it yet this week, sweeps it (reconcile + report). A process that was down at the slot
 * catches up at the next tick; the report itself is idempotent (one comment per ISO week), so
 * a restart only costs a re-check.
 *
 * Between weekly slots, the same tick does a daily pass per repository for the reminders,
 * escalations and due soon / overdue labels (issue 16): once a day at `weekly.hour` or later, in
 * `weekly.timezone`, it costs the repository probe (one request) plus the writes actually due. The
 * weekly sweep does the nudges too, so that day needs no second pass. What was sent is recorded on
 * the issues, so a restart or a second replica repeats no comment (the lock serialises them).
 * A repository whose config turns every nudge off (`reminders.enabled: false`, `escalation.enabled:
 * false`, `labels.due_soon/overdue: false`) gets no daily pass: the cached config says so, no read.
 *
 * A repository with no open follow-up still costs its daily probe. The scheduler could remember
 * "none open" from the last sweep or probe, but that is stale by design: a postmortem merged since
 * then creates follow-ups through the merge handler (maybe on another replica, which this process
 * never hears of), a person reopens an issue, a `due` a day away is allowed. Skipping on that memory
 * would miss exactly the reminder the pass exists for, and knowing better would need a new read
 * (the probe IS that read: config and open tracked issues in one request). One request per
 * repository and day is the price; `POSTMORTEM_FOLLOWUPS_SCHEDULER=off` plus a daily `sweep` is the
 * way to batch it differently.
 *
 * `POSTMORTEM_FOLLOWUPS_SCHEDULER=off` turns it off (deployments with several replicas: run
 * `postmortem-followups sweep` from one external scheduler instead). It is also off under
 * NODE_ENV=test unless the variable says `on`.
 */

export const SCHEDULER_ENV = "POSTMORTEM_FOLLOWUPS_SCHEDULER";
/** Every hour, on the hour. */
export const SCHEDULER_PATTERN = "0 * * * *";
/** A repository's config is re-read at most this often before its slot (a slot moved earlier is seen within it). */
export const CONFIG_TTL_MS = 6 * 60 * 60 * 1000;
/** Sweeps of a repository that ended with errors are retried on the next ticks, this many times a week. */
export const MAX_ATTEMPTS = 3;

export function schedulerEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const value = env[SCHEDULER_ENV]?.trim().toLowerCase();
  if (value === "off" || value === "false" || value === "0" || value === "no") return false;
  if (value === "on" || value === "true" || value === "1" || value === "yes") return true;
  return env.NODE_ENV !== "test";
}

export interface SchedulerDeps {
  /** A sweep source for this tick; `gate` decides, after the config is read, whether to sweep (true), to send only the nudges ("nudges"), or neither. */
  source(gate: (config: Config, target: SweepTarget) => boolean | "nudges"): Promise<SweepSource>;
  log: SyncLog;
  now?: () => Date;
}

interface RepoState {
  /** `nudges`: the config lets the daily pass write something (see nudgesOff). */
  config?: { weekly: Config["weekly"]; nudges: boolean; until: number };
  /** ISO week last swept to completion, and how many tries this week. */
  week?: string;
  done?: boolean;
  attempts: number;
  /** The local day whose nudges were done, and the day a pass in flight is for. */
  nudgedOn?: string;
  nudging?: string;
}

export class WeeklyScheduler {
  readonly #deps: SchedulerDeps;
  readonly #state = new Map<string, RepoState>();
  #job: Cron | null = null;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
  }

  #stateOf(target: SweepTarget): RepoState {
    return this.#stateByName(repositoryName(target.repository));
  }

  #stateByName(name: string): RepoState {
    const key = name.toLowerCase();
    let state = this.#state.get(key);
    if (!state) {
      state = { attempts: 0 };
      this.#state.set(key, state);
    }
    return state;
  }

  /** Without a request: the cached config says the slot has not come, or this week is done. */
  #skip(target: SweepTarget, now: Date): boolean {
    const state = this.#stateOf(target);
    const cached = state.config && state.config.until > now.getTime() ? state.config : null;
    if (!cached) return false;
    const daily = dailySlot(now, cached.weekly);
    if (daily.due && cached.nudges && state.nudgedOn !== daily.day) return false;
    const slot = slotState(now, cached.weekly);
    if (state.week === slot.week && (state.done || state.attempts >= MAX_ATTEMPTS)) return true;
    return !slot.due;
  }

  /** After the config is read: the weekly sweep if its slot is due, else today's nudges if due, else nothing. */
  #gate(target: SweepTarget, config: Config, now: Date): boolean | "nudges" {
    const state = this.#stateOf(target);
    const nudges = !nudgesOff(config);
    state.config = { weekly: config.weekly, nudges, until: now.getTime() + CONFIG_TTL_MS };
    const slot = slotState(now, config.weekly);
    if (state.week !== slot.week) {
      state.week = slot.week;
      state.done = false;
      state.attempts = 0;
    }
    const daily = dailySlot(now, config.weekly);
    state.nudging = daily.day;
    if (slot.due && !state.done && state.attempts < MAX_ATTEMPTS) return true;
    return daily.due && nudges && state.nudgedOn !== daily.day ? "nudges" : false;
  }

  #record(result: RepoSweepResult): void {
    if (result.status === "not-due") return;
    const state = this.#stateByName(result.repository);
    // A nudge pass that failed is tried again on the next tick (what it sent is recorded).
    if (result.nudges && result.nudges.errors.length === 0 && state.nudging) state.nudgedOn = state.nudging;
    if (result.nudgesOnly) return;
    state.attempts++;
    if (result.status === "ok" && result.errors.length === 0) state.done = true;
  }

  /** One pass over every repository (the hourly job; tests call it with a fixed clock). */
  async tick(now: Date = this.#deps.now?.() ?? new Date()): Promise<SweepSummary> {
    const source = await this.#deps.source((config, target) => this.#gate(target, config, now));
    return sweepAll(source, {
      skip: (target) => this.#skip(target, now),
      onProgress: (_done, _total, result) => {
        if (result) this.#record(result);
      },
    });
  }

  start(pattern = SCHEDULER_PATTERN): void {
    if (this.#job) return;
    this.#job = new Cron(
      pattern,
      {
        name: "postmortem-followups-weekly",
        protect: () =>
          this.#deps.log.warn("the previous weekly sweep is still running: this tick is skipped"),
        unref: true,
        catch: (error) => this.#deps.log.error({ err: error }, "weekly sweep failed"),
      },
      async () => {
        const summary = await this.tick();
        if (summary.repositories > 0 || summary.errors > 0)
          this.#deps.log.info(
            {
              repositories: summary.repositories,
              reportsPosted: summary.reportsPosted,
              issuesRecreated: summary.issuesRecreated,
              errors: summary.errors,
            },
            "weekly sweep",
          );
      },
    );
  }

  stop(): void {
    this.#job?.stop();
    this.#job = null;
  }

  get running(): boolean {
    return this.#job !== null;
  }
}

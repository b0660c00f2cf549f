/**
 * What the runs and the infrastructure report for the app's Prometheus metrics (src/app/metrics.ts
 * installs the observer when `METRICS_ENABLED=true`; until then every call is a no-op). This port has
 * no dependency, so the CLI and the Action bundle carry no metrics library.
 */

/**
 * Follow-ups of one repository as the last sweep saw them: by state (the report's statuses, which
 * add up to the total) and how many of them had their validation lapse (overlapping the states).
 */
export interface FollowupStateCounts {
  readonly states: Readonly<Record<string, number>>;
  readonly lapsed: number;
}

export interface RunObserver {
  /** Time a run waited for a repository lock before its task started. */
  lockWait(seconds: number): void;
  /** One reconcile (the merge path or a sweep's re-plan) finished or threw. */
  reconcile(outcome: "ok" | "error", seconds: number): void;
  /** One fleet sweep finished: its duration, its error count, the follow-ups per repository. */
  sweep(seconds: number, errors: number, followups: ReadonlyMap<string, FollowupStateCounts>): void;
}

const NONE: RunObserver = { lockWait() {}, reconcile() {}, sweep() {} };
let current: RunObserver = NONE;

/** Install the observer (null: back to no-op). */
export function setRunObserver(observer: RunObserver | null): void {
  current = observer ?? NONE;
}

export function runObserver(): RunObserver {
  return current;
}

/** Run `task`, reporting its duration and outcome to `report`. */
export async function timed<T>(
  report: (outcome: "ok" | "error", seconds: number) => void,
  task: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  try {
    const value = await task();
    report("ok", (performance.now() - started) / 1000);
    return value;
  } catch (error) {
    report("error", (performance.now() - started) / 1000);
    throw error;
  }
}

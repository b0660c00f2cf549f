import type { Annotation } from "./annotations.js";
import type { Conclusion } from "./output.js";

/**
 * Check runs: the port the check lifecycle writes through (github/checks.ts implements it). One
 * run of a name per head commit: `findRun` finds the app's existing run (a re-request, a
 * redelivery) so the caller updates it instead of creating another.
 */

export interface CheckRunInfo {
  id: number;
  status: "queued" | "in_progress" | "completed" | string;
  conclusion: string | null;
  externalId: string | null;
  annotationsCount: number;
  /** The run's summary as the app wrote it (with the record of what it decided), when read. */
  summary?: string | null;
}

export interface CheckOutputBody {
  title: string;
  summary: string;
  text?: string;
  annotations?: Annotation[];
}

export type CheckRunUpdate =
  | { status?: "in_progress"; output?: CheckOutputBody }
  | { conclusion: Conclusion; completedAt: string; output: CheckOutputBody };

export interface ChecksGateway {
  /** The app's latest run of `name` on `headSha`, or null. */
  findRun(headSha: string, name: string, appSlug: string): Promise<CheckRunInfo | null>;
  /** Every annotation a run already carries (they are append-only). */
  listAnnotations(runId: number): Promise<Annotation[]>;
  createRun(input: {
    name: string;
    headSha: string;
    externalId: string;
    startedAt: string;
  }): Promise<CheckRunInfo>;
  /** Returns the run as GitHub has it after the update. */
  updateRun(runId: number, update: CheckRunUpdate): Promise<CheckRunInfo>;
}

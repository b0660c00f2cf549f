import {
  ANNOTATIONS_PER_REQUEST,
  type Annotation,
  annotationDigest,
  diffAnnotations,
} from "../../domain/check/annotations.js";
import { CHECK_NAME, type CheckOutput, crashedOutput } from "../../domain/check/output.js";
import type { Language } from "../../domain/config/schema.js";
import type { CheckRunInfo, ChecksGateway } from "../../domain/ports.js";

/**
 * The check run's lifecycle, written against the ChecksGateway interface (no Octokit here).
 *
 * - One run per head commit: an existing run of ours (a re-request, a redelivery) is updated, not
 *   duplicated. A new run is created `in_progress`.
 * - ALWAYS completed: whatever fails after the run exists (reading files, resolving evidence,
 *   sending annotations), the run ends `failure` with a plain reason. Never left in progress.
 * - At most 50 annotations (the output keeps the most severe): ONE update carries them and
 *   completes the run.
 * - Annotations are append-only on GitHub: on a reused run only the missing ones are sent. When the
 *   run shows annotations that no longer apply, or GitHub keeps a completed run's old conclusion,
 *   a fresh run replaces it (GitHub shows the latest run of a name per commit).
 */

export interface PublishOptions {
  gateway: ChecksGateway;
  headSha: string;
  /** Stored on the run so a re-request can find its pull request (fork PRs have none in the payload). */
  externalId: string;
  /** The app's slug: only our own runs are reused. */
  appSlug: string;
  /** The language of the texts; may change once the config is loaded. */
  language: () => Language;
  now?: () => Date;
  log?: { warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  /** The existing run as a probe found it (null: none); undefined: ask `findRun`. */
  existing?: CheckRunInfo | null;
  /**
   * Digests (`annotationDigest`) of the annotations the existing run carries, from the record the
   * app wrote on it: then they need not be listed. Undefined: list them.
   */
  existingAnnotations?: readonly string[];
}

export interface PublishResult {
  runId: number;
  conclusion: "success" | "failure";
  crashed: boolean;
  /** Update requests sent for the result (annotation batches included). */
  requests: number;
  reused: boolean;
}

function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

async function deliver(
  gateway: ChecksGateway,
  runId: number,
  output: Pick<CheckOutput, "conclusion" | "title" | "summary">,
  annotations: readonly Annotation[],
  completedAt: string,
): Promise<{ run: CheckRunInfo; requests: number }> {
  if (annotations.length > ANNOTATIONS_PER_REQUEST)
    throw new RangeError(`${annotations.length} annotations: at most ${ANNOTATIONS_PER_REQUEST} per run`);
  const head = { title: output.title, summary: output.summary };
  const run = await gateway.updateRun(runId, {
    conclusion: output.conclusion,
    completedAt,
    output: annotations.length ? { ...head, annotations: [...annotations] } : head,
  });
  return { run, requests: 1 };
}

/** What to append to a reused run, and whether it shows annotations that no longer apply. */
function appendOnly(
  existing: readonly string[],
  wanted: readonly Annotation[],
): { append: Annotation[]; stale: boolean } {
  const have = new Map<string, number>();
  for (const d of existing) have.set(d, (have.get(d) ?? 0) + 1);
  const append: Annotation[] = [];
  for (const a of wanted) {
    const d = annotationDigest(a);
    const n = have.get(d) ?? 0;
    if (n > 0) have.set(d, n - 1);
    else append.push(a);
  }
  return { append, stale: [...have.values()].some((n) => n > 0) };
}

export async function publishCheck(
  options: PublishOptions,
  compute: () => Promise<CheckOutput>,
): Promise<PublishResult> {
  const { gateway, headSha } = options;
  const now = options.now ?? (() => new Date());
  const existing =
    options.existing !== undefined
      ? options.existing
      : await gateway.findRun(headSha, CHECK_NAME, options.appSlug);
  /** A new run of the check on the head, in progress from now. */
  const newRun = () =>
    gateway.createRun({ name: CHECK_NAME, headSha, externalId: options.externalId, startedAt: iso(now()) });
  let run = existing ?? (await newRun());
  const reused = existing !== null;

  let finished: PublishResult | null = null;
  let failure: unknown = null;
  try {
    const output = await compute();
    let toSend = output.annotations;
    if (reused && run.annotationsCount > 0) {
      const known = options.existingAnnotations;
      const { append, stale } =
        known && known.length === run.annotationsCount
          ? appendOnly(known, output.annotations)
          : diffAnnotations(await gateway.listAnnotations(run.id), output.annotations);
      if (stale) {
        options.log?.warn(
          { runId: run.id },
          "check run shows annotations that no longer apply: replacing it",
        );
        run = await newRun();
      } else {
        toSend = append;
      }
    }
    let sent = await deliver(gateway, run.id, output, toSend, iso(now()));
    let requests = sent.requests;
    if (sent.run.status !== "completed" || sent.run.conclusion !== output.conclusion) {
      // GitHub kept a completed run's old state: a fresh run carries the new result.
      options.log?.warn(
        { runId: run.id, status: sent.run.status, conclusion: sent.run.conclusion },
        "check run kept its old conclusion: replacing it",
      );
      run = await newRun();
      sent = await deliver(gateway, run.id, output, output.annotations, iso(now()));
      requests += sent.requests;
    }
    finished = { runId: run.id, conclusion: output.conclusion, crashed: false, requests, reused };
    return finished;
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    if (!finished) {
      const reason = failure instanceof Error ? failure.message : String(failure ?? "unknown error");
      try {
        await gateway.updateRun(run.id, {
          conclusion: "failure",
          completedAt: iso(now()),
          output: crashedOutput(options.language(), reason),
        });
      } catch (completeError) {
        options.log?.error(
          { err: completeError, runId: run.id },
          "could not complete the check run after a failure",
        );
      }
    }
  }
}

import type { Postmortem } from "../../domain/postmortem/schema.js";
import {
  decideEvaluation,
  readEvaluationMarker,
  renderEvaluationComment,
} from "../../domain/progress/evaluation.js";
import { type WeeklyPassInput, weeklyProgress } from "./weekly.js";

/**
 * The post-evaluation comment (issue 18), in the sweep after the weekly report: for every postmortem
 * whose follow-ups are all finished, ONE comment on its pull request (`decideEvaluation`), found again
 * by its `evaluation` marker in the app's own comments, so a second sweep, a redelivery or a second
 * replica (sweeps are serialised per repository by the lock) never posts it twice. The postmortems
 * come from the sweep's reconcile (already read): no extra request but the comment itself.
 */

export interface EvaluationRunInput extends WeeklyPassInput {
  /** The postmortems as the sweep read them, by path (null: the file could not be read). */
  postmortems: ReadonlyMap<string, Postmortem | null>;
  /** Follow-ups of a postmortem whose evidence lapsed (the effectiveness re-check), when known. */
  lapsed?: (path: string) => number | undefined;
}

export interface EvaluationOutcome {
  path: string;
  pr: number | null;
  action: "created" | "skipped";
  reason?: string;
  body?: string;
  commentId?: number;
  error?: string;
}

export async function runEvaluations(input: EvaluationRunInput): Promise<EvaluationOutcome[]> {
  const { gateway, config, botLogin } = input;
  const { today, postmortems } = await weeklyProgress(input);
  const bot = botLogin.toLowerCase();
  const outcomes: EvaluationOutcome[] = [];
  for (const progress of postmortems) {
    const base = { path: progress.path, pr: progress.pr };
    // Only complete postmortems cost a read of the pull request's comments.
    if (!progress.summary.complete || progress.pr === null) continue;
    try {
      const comments = await gateway.listComments(progress.pr);
      const posted = new Set(
        comments.flatMap((c) => {
          if (c.author?.toLowerCase() !== bot) return [];
          const marker = readEvaluationMarker(c.body);
          return marker ? [marker.path] : [];
        }),
      );
      const decision = decideEvaluation(progress, posted, today);
      if (decision.type === "skip") {
        outcomes.push({ ...base, action: "skipped", reason: decision.reason });
        continue;
      }
      const lapsed = input.lapsed?.(progress.path);
      const body = renderEvaluationComment(progress, input.postmortems.get(progress.path) ?? null, {
        language: config.language,
        repo: input.repo,
        today,
        timeZone: config.weekly.timezone,
        ...(lapsed === undefined ? {} : { lapsed }),
      });
      const created = await gateway.createComment(progress.pr, body);
      outcomes.push({ ...base, action: "created", body, ...(created ? { commentId: created.id } : {}) });
    } catch (error) {
      outcomes.push({
        ...base,
        action: "skipped",
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return outcomes;
}

import type { Postmortem } from "../../domain/postmortem/schema.js";
import {
  decideEvaluation,
  readEvaluationMarker,
  renderEvaluationComment,
} from "../../domain/progress/evaluation.js";
import { decideEvaluationUpdate, recheckStatus } from "../../domain/progress/evaluation-recheck.js";
import { type WeeklyPassInput, weeklyProgress } from "./weekly.js";

/**
 * The post-evaluation comment (issue 18), in the sweep after the weekly report: for every postmortem
 * whose follow-ups are all finished, ONE comment on its pull request (`decideEvaluation`), found again
 * by its `evaluation` marker in the app's own comments, so a second sweep, a redelivery or a second
 * replica (sweeps are serialised per repository by the lock) never posts it twice. Once posted, the
 * same comment is edited in place when the evidence re-checks of its follow-ups change what it says
 * (`decideEvaluationUpdate`: due, then held or lapsed), and only when its text changed. The
 * postmortems come from the sweep's reconcile (already read): no extra request but the comment.
 */

export interface EvaluationRunInput extends WeeklyPassInput {
  /** The postmortems as the sweep read them, by path (null: the file could not be read). */
  postmortems: ReadonlyMap<string, Postmortem | null>;
}

export interface EvaluationOutcome {
  path: string;
  pr: number | null;
  /** `updated`: the posted comment's evidence re-check line changed (edited in place). */
  action: "created" | "updated" | "skipped";
  reason?: string;
  body?: string;
  commentId?: number;
  error?: string;
}

export async function runEvaluations(input: EvaluationRunInput): Promise<EvaluationOutcome[]> {
  const { gateway, config, botLogin } = input;
  const { today, postmortems, issues } = await weeklyProgress(input);
  // Keyed by repository too: a follow-up routed to another repository (issue 17) has its numbers.
  const key = (repository: string | undefined, number: number) => `${repository ?? ""}#${number}`;
  const byNumber = new Map(issues.map((i) => [key(i.repository, i.number), i]));
  const bot = botLogin.toLowerCase();
  const outcomes: EvaluationOutcome[] = [];
  for (const progress of postmortems) {
    const base = { path: progress.path, pr: progress.pr };
    if (progress.pr === null) continue;
    // The evidence re-checks of its follow-ups, from their markers (no request).
    const recheck = recheckStatus(
      progress.items.flatMap((i) => {
        const issue = i.number === null ? undefined : byNumber.get(key(i.repository, i.number));
        return issue ? [issue] : [];
      }),
      config,
    );
    // Only complete postmortems cost a read of the pull request's comments, and those whose
    // evaluation may need its re-check line updated (a lapse reopened a follow-up).
    if (
      !progress.summary.complete &&
      (recheck.lapsed === 0 || decideEvaluationUpdate(undefined, recheck, today).type === "skip")
    )
      continue;
    try {
      const comments = await gateway.listComments(progress.pr);
      const posted = comments.flatMap((c) => {
        if (c.author?.toLowerCase() !== bot) return [];
        const marker = readEvaluationMarker(c.body);
        return marker ? [{ comment: c, marker }] : [];
      });
      const render = () =>
        renderEvaluationComment(progress, input.postmortems.get(progress.path) ?? null, {
          language: config.language,
          repo: input.repo,
          today,
          timeZone: config.weekly.timezone,
          recheck,
        });
      const mine = posted.find((p) => p.marker.path === progress.path);
      if (mine) {
        // Posted already: never a second comment; its re-check line is kept up to date in place.
        const update = decideEvaluationUpdate(mine.marker.recheck, recheck, today);
        const body = update.type === "update" ? render() : null;
        if (body === null || body === mine.comment.body) {
          outcomes.push({ ...base, action: "skipped", reason: "evaluation already posted" });
          continue;
        }
        await gateway.updateComment(mine.comment.id, body);
        outcomes.push({ ...base, action: "updated", body, commentId: mine.comment.id });
        continue;
      }
      if (!progress.summary.complete) continue;
      const decision = decideEvaluation(progress, new Set(posted.map((p) => p.marker.path)), today);
      if (decision.type === "skip") {
        outcomes.push({ ...base, action: "skipped", reason: decision.reason });
        continue;
      }
      const body = render();
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

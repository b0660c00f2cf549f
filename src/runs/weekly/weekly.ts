import type { Config } from "../../domain/config/schema.js";
import type { RepoRef } from "../../domain/followups/model.js";
import type { IssueComment, TrackedIssue, WeeklyGateway } from "../../domain/ports.js";
import { progressItems, type UntrackedFollowup, untrackedItems } from "../../domain/progress/items.js";
import { buildProgress, type PostmortemProgress } from "../../domain/progress/model.js";
import { decideReport, type ReportDecision } from "../../domain/progress/report.js";
import { type ProgressComment, readProgressMarker } from "../../domain/progress/report-history.js";
import { isoWeek, localDate } from "../../domain/progress/week.js";

/**
 * This week's progress report for every postmortem of a repository: read the tracked issues (one
 * paginated query), then, per postmortem pull request, its comments, and post, edit or leave the
 * report alone as `decideReport` says. A repository without tracked follow-ups costs one request.
 */

/** What a weekly pass (this report, the post-evaluation in ./evaluation.ts) works from. */
export interface WeeklyPassInput {
  gateway: WeeklyGateway;
  repo: RepoRef;
  config: Config;
  botLogin: string;
  now: Date;
  /** Tracked issues already read in this run (fresh): saves the query. */
  issues?: readonly TrackedIssue[];
  /**
   * Items of Markdown postmortems that got no issue of ours (done in the file, or adopting an existing
   * issue), from the run's reconcile: counted like the follow-ups it created.
   */
  untracked?: readonly UntrackedFollowup[];
}

/**
 * The repository's follow-ups by postmortem, classified on its local `today`: the tracked issues
 * (read unless the run has them) and the untracked items.
 */
export async function weeklyProgress(
  input: WeeklyPassInput,
): Promise<{ today: string; postmortems: PostmortemProgress[]; issues: readonly TrackedIssue[] }> {
  const { gateway, config, botLogin, now } = input;
  const issues = input.issues ?? (await gateway.listTrackedIssues(config.labels.tracking.name));
  const items = [...progressItems(issues, config, botLogin), ...untrackedItems(input.untracked ?? [])];
  const today = localDate(now, config.weekly.timezone);
  return { today, postmortems: buildProgress(items, today), issues };
}

export interface WeeklyRunInput extends WeeklyPassInput {
  /** Only the postmortems this returns true for (on demand: the pull request's or the issue's). */
  select?: (progress: PostmortemProgress) => boolean;
}

export type WeeklyAction = "created" | "updated" | "unchanged" | "skipped";

export interface WeeklyOutcome {
  path: string;
  pr: number | null;
  week: string;
  action: WeeklyAction;
  /** The final "complete" report. */
  final: boolean;
  reason?: string;
  /** What was (or, in a dry run, would be) written. */
  body?: string;
  commentId?: number;
  error?: string;
}

/** The app's progress comments on a pull request for one postmortem, oldest first. */
export function progressCommentsFor(
  comments: readonly IssueComment[],
  botLogin: string,
  path: string,
): ProgressComment[] {
  const bot = botLogin.toLowerCase();
  const out: ProgressComment[] = [];
  for (const comment of comments) {
    if (comment.author?.toLowerCase() !== bot) continue;
    const marker = readProgressMarker(comment.body);
    if (!marker || marker.path !== path) continue;
    out.push({ id: comment.id, body: comment.body, marker });
  }
  return out.sort((a, b) => a.id - b.id);
}

export function weekOf(now: Date, config: Pick<Config, "weekly">): string {
  return isoWeek(now, config.weekly.timezone);
}

export async function runWeeklyReport(input: WeeklyRunInput): Promise<WeeklyOutcome[]> {
  const { gateway, config, botLogin, now } = input;
  const { today, postmortems: all } = await weeklyProgress(input);
  if (all.length === 0) return [];
  const week = weekOf(now, config);
  const postmortems = all.filter((p) => !input.select || input.select(p));

  const commentsByPr = new Map<number, Promise<IssueComment[]>>();
  // Several postmortem pull requests: their comments in one request when the gateway can (a
  // pull request it could not answer for, or a failed batch, falls back to listComments).
  const prs = [...new Set(postmortems.flatMap((p) => (p.pr === null ? [] : [p.pr])))];
  if (prs.length > 1 && gateway.listCommentsOf) {
    const batch = gateway.listCommentsOf(prs).catch(() => new Map<number, IssueComment[]>());
    for (const pr of prs)
      commentsByPr.set(
        pr,
        batch.then((m) => m.get(pr) ?? gateway.listComments(pr)),
      );
  }
  const outcomes: WeeklyOutcome[] = [];
  for (const progress of postmortems) {
    const base = { path: progress.path, pr: progress.pr, week };
    try {
      let comments: ProgressComment[] = [];
      if (progress.pr !== null) {
        const pr = progress.pr;
        if (!commentsByPr.has(pr)) commentsByPr.set(pr, gateway.listComments(pr));
        comments = progressCommentsFor(await commentsByPr.get(pr)!, botLogin, progress.path);
      }
      const decision = decideReport(
        progress,
        {
          language: config.language,
          categories: config.categories,
          mention: config.weekly.mention,
          repo: input.repo,
          week,
          figures: { today, timeZone: config.weekly.timezone, severities: config.severities },
        },
        comments,
      );
      outcomes.push(await apply(gateway, progress, decision, base));
    } catch (error) {
      outcomes.push({
        ...base,
        action: "skipped",
        final: false,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return outcomes;
}

async function apply(
  gateway: WeeklyGateway,
  progress: PostmortemProgress,
  decision: ReportDecision,
  base: { path: string; pr: number | null; week: string },
): Promise<WeeklyOutcome> {
  switch (decision.type) {
    case "skip":
      return { ...base, action: "skipped", final: false, reason: decision.reason };
    case "unchanged":
      return { ...base, action: "unchanged", final: false, commentId: decision.commentId };
    case "update":
      await gateway.updateComment(decision.commentId, decision.body);
      return { ...base, action: "updated", final: false, body: decision.body, commentId: decision.commentId };
    case "create": {
      const created = await gateway.createComment(progress.pr!, decision.body);
      return {
        ...base,
        action: "created",
        final: decision.final,
        body: decision.body,
        ...(created ? { commentId: created.id } : {}),
      };
    }
  }
}

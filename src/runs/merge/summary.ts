import type { Config, Language } from "../../domain/config/schema.js";
import type { Problem } from "../../domain/diagnostics/problem.js";
import { blobUrl, mdLink } from "../../domain/followups/desired.js";
import type { PullRef, RepoRef } from "../../domain/followups/model.js";
import { compareFollowups } from "../../domain/followups/order.js";
import {
  readSection,
  renderMarker,
  replaceSection,
  type SummaryMarker,
} from "../../domain/markers/marker.js";
import { responseFigures } from "../../domain/postmortem/response.js";
import type { Postmortem } from "../../domain/postmortem/schema.js";
import { t } from "../../text/catalog/index.js";
import { categoryName, TERMS } from "../../text/catalog/labels.js";
import { UPDATE_REASONS } from "../../text/catalog/merge.js";
import { block, cell, inline, quietLogin } from "../../text/sanitize.js";
import { render } from "../../text/templates.js";
import { type FollowupReport, issueRef, type ReconcileResult } from "./report.js";

/**
 * The pull request summary: ONE comment per pull request, found by its `summary` marker, edited
 * on every run and never posted twice. Pure functions here; the handler does the I/O.
 */

export const CHANGES_BEGIN = "<!-- postmortem-followups:changes-begin -->";
export const CHANGES_END = "<!-- postmortem-followups:changes-end -->";

export function formatProblemLine(problem: Problem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  const path = problem.path ? ` ${inline(problem.path)}:` : "";
  return `**${problem.severity}** \`${where.replace(/`/g, "")}\`${path} ${inline(problem.message)}`;
}

/** What this run changed, one line each (empty when nothing changed). */
export function changeLines(result: ReconcileResult, language: Language): string[] {
  const lines: string[] = [];
  const reason = (r: string) =>
    (UPDATE_REASONS as readonly string[]).includes(r)
      ? t(language, `merge.reason.${r as (typeof UPDATE_REASONS)[number]}`)
      : r;
  for (const f of result.followups) {
    if (f.number === null) continue;
    if (f.joined && f.state !== "failed")
      lines.push(
        t(language, "merge.joined", { issue: issueRef(f.number, f.repository), title: inline(f.title) }),
      );
    if (f.state === "created")
      lines.push(
        t(language, f.recovered ? "merge.recovered" : "merge.created", {
          issue: issueRef(f.number, f.repository),
          title: inline(f.title),
        }),
      );
    if (f.state === "updated")
      lines.push(
        t(language, "merge.updated", {
          issue: issueRef(f.number, f.repository),
          reasons: f.reasons.map(reason).join(", "),
        }),
      );
  }
  for (const c of result.closed) {
    if (!c.ok) continue;
    lines.push(
      t(language, "merge.closed", {
        issue: issueRef(c.number, c.repository),
        reason: c.reason,
        duplicateOf: c.duplicateOf ? `#${c.duplicateOf}` : "",
      }),
    );
  }
  if (result.labelsCreated.length > 0)
    lines.push(
      t(language, "merge.labels-created", {
        names: result.labelsCreated.map((l) => `\`${l.replace(/`/g, "")}\``).join(", "),
      }),
    );
  for (const tr of result.trackers ?? [])
    lines.push(
      t(language, `tracker.${tr.change}`, { issue: `#${tr.number}`, path: tr.path.replace(/`/g, "") }),
    );
  for (const m of result.milestones) {
    if (m.change === "unchanged") continue;
    lines.push(
      t(language, `merge.milestone.${m.change}`, {
        title: inline(m.title),
        due: m.dueOn ?? t(language, "merge.none"),
      }),
    );
  }
  return lines;
}

export function rowsByTerm(followups: readonly FollowupReport[], config: Config) {
  const lang = config.language;
  return TERMS.map((term) => ({
    name: t(lang, `labels.term.${term}`),
    rows: followups
      .filter((f) => f.term === term)
      .map((f, index) => ({ f, index }))
      // One order in every artifact (domain/followups/order.ts): due date, then severity.
      .sort((a, b) => compareFollowups(a.f, b.f, config.severities) || a.index - b.index)
      .map(({ f }) => ({
        issue:
          f.state === "done"
            ? t(lang, "merge.done")
            : f.state === "adopted"
              ? `#${f.number} (${t(lang, "merge.adopted")})`
              : f.number === null
                ? t(lang, "merge.none")
                : f.issueState === "closed"
                  ? `${issueRef(f.number, f.repository)} (${t(lang, "merge.issue-closed")})`
                  : issueRef(f.number, f.repository),
        category: cell(categoryName(config.language, f.category, config.categories)),
        title: cell(f.title),
        owner: f.owner ? cell(quietLogin(f.owner)) + (f.ownerProblem ? " ⚠️" : "") : t(lang, "merge.none"),
        due: f.due,
      })),
  })).filter((term) => term.rows.length > 0);
}

/** The root cause analysis of a postmortem, sanitised for the summary comment (null when it has none). */
function rootCauseOf(postmortem: Postmortem | null) {
  const rc = postmortem?.root_cause;
  if (!rc) return null;
  const fiveWhys = (rc.five_whys ?? []).map(inline);
  const fishbone = Object.entries(rc.fishbone ?? {}).map(([category, causes]) => ({
    category: inline(category),
    causes: causes.map(inline),
  }));
  if (!rc.summary && fiveWhys.length === 0 && fishbone.length === 0) return null;
  return { summary: rc.summary ? block(rc.summary) : null, fiveWhys, fishbone };
}

/** `2026-03-02T10:02:00+09:00` -> `2026-03-02 10:02 +09:00` (as written, shorter). */
function when(at: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?/i.exec(at);
  if (!m) return cell(at);
  return [m[1], m[2], m[3] && m[3].toUpperCase() !== "Z" ? m[3] : m[3] ? "UTC" : undefined]
    .filter(Boolean)
    .join(" ");
}

/**
 * The response record of a postmortem for the summary (issue 18): the response figures its timeline
 * gives, its communication log and its response actions (null when it has none of them).
 */
function responseOf(postmortem: Postmortem | null, language: Language) {
  if (!postmortem) return null;
  const figures = responseFigures(postmortem);
  const duration = (minutes: number | null) =>
    minutes === null ? null : t(language, "evaluation.duration", { minutes });
  const timed = {
    detect: duration(figures.detectMinutes),
    mitigate: duration(figures.mitigateMinutes),
    resolve: duration(figures.resolveMinutes),
  };
  const communication = (postmortem.communication ?? []).map((c) => ({
    at: when(c.at),
    channel: c.channel ? cell(c.channel) : "—",
    audience: c.audience ? cell(c.audience) : "—",
    summary: cell(c.summary),
  }));
  const actions = (postmortem.response_actions ?? []).map((a) => ({
    at: when(a.at),
    action: cell(a.action),
    result: a.result ? cell(a.result) : "—",
  }));
  const anyFigure = timed.detect !== null || timed.mitigate !== null || timed.resolve !== null;
  if (!anyFigure && communication.length === 0 && actions.length === 0) return null;
  return { figures: anyFigure ? timed : null, communication, actions };
}

export interface SummaryInput {
  result: ReconcileResult;
  config: Config;
  repo: RepoRef;
  pr: PullRef;
  /** The current summary comment's body, to carry its "last changes" over a run that changed nothing. */
  previousBody?: string | null;
  /** The earlier postmortems on the same services or tags (Markdown; empty: none). */
  recurrence?: string;
}

/** The summary comment's full body (marker included). */
export function renderSummary({ result, config, repo, pr, previousBody, recurrence }: SummaryInput): string {
  const lang = config.language;
  const files = result.files.map((file) => ({
    link: mdLink(file.path, blobUrl(repo, file.path)),
    renamedFrom: file.previousPath ? inline(file.previousPath) : null,
    removed: file.outcome === "removed",
    errors: file.outcome === "errors",
    skipped: file.outcome === "skipped",
    missing: file.outcome === "missing",
    note: file.note ? inline(file.note) : null,
    problems: file.problems.map(formatProblemLine),
    // The full analysis lives here, once per postmortem; each issue carries a one-line summary.
    rootCause: file.outcome === "reconciled" ? rootCauseOf(file.postmortem) : null,
    response: file.outcome === "reconciled" ? responseOf(file.postmortem, lang) : null,
    terms:
      file.outcome === "reconciled"
        ? rowsByTerm(
            result.followups.filter((f) => f.path === file.path),
            config,
          )
        : [],
  }));
  const numbers = new Map(result.followups.map((f) => [f.key, f.number]));
  const ownerProblems = result.ownerProblems.map((p) => ({
    owner: p.owner.replace(/`/g, ""),
    message: inline(p.message),
    issues: p.keys
      .map((k) => numbers.get(k))
      .filter((n): n is number => typeof n === "number")
      .map((n) => `#${n}`)
      .join(", "),
  }));
  const failures = result.failures.map((f) => ({
    operation: inline(f.operation),
    message: inline(f.message),
  }));
  const changes = changeLines(result, lang);
  const body = render(lang, "pr-summary", {
    files,
    ownerProblems,
    failures,
    changes,
    changesBegin: CHANGES_BEGIN,
    changesEnd: CHANGES_END,
  }).trimEnd();
  // The earlier postmortems on the same services go above the last changes.
  const withRecurrence = recurrence
    ? body.replace(CHANGES_BEGIN, () => `${recurrence}\n\n${CHANGES_BEGIN}`)
    : body;
  let full = `${renderMarker("summary", { pr: pr.number } satisfies SummaryMarker)}\n${withRecurrence}\n`;
  // A run that changed nothing keeps the previous run's "last changes": an identical re-run
  // renders the identical comment, and identical means no write.
  if (changes.length === 0 && result.failures.length === 0 && previousBody) {
    const carried = readSection(previousBody, CHANGES_BEGIN, CHANGES_END);
    if (carried !== null) full = replaceSection(full, CHANGES_BEGIN, CHANGES_END, carried);
  }
  return full;
}

/** The config-error comment, posted through the same summary marker. */
export function renderConfigError(
  config: { language: Language },
  pr: PullRef,
  file: string,
  problems: readonly Problem[],
): string {
  const body = render(config.language, "config-error", {
    file: file.replace(/`/g, ""),
    problems: problems.map(formatProblemLine),
  }).trimEnd();
  return `${renderMarker("summary", { pr: pr.number } satisfies SummaryMarker)}\n${body}\n`;
}

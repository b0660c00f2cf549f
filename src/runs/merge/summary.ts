import type { Config, Language } from "../../domain/config/schema.js";
import type { Problem } from "../../domain/diagnostics/problem.js";
import { blobUrl, mdLink } from "../../domain/followups/desired.js";
import type { PullRef, RepoRef } from "../../domain/followups/model.js";
import {
  readSection,
  renderMarker,
  replaceSection,
  type SummaryMarker,
} from "../../domain/markers/marker.js";
import { TERMS } from "../../domain/postmortem/schema.js";
import { categoryName, TERM_NAMES } from "../../text/i18n.js";
import { josa } from "../../text/josa.js";
import { cell, inline, quietLogin } from "../../text/sanitize.js";
import { render } from "../../text/templates.js";
import type { FollowupReport, ReconcileResult } from "./reconcile.js";

/**
 * The pull request summary: ONE comment per pull request, found by its `summary` marker, edited
 * on every run and never posted twice. Pure functions here; the handler does the I/O.
 */

export const CHANGES_BEGIN = "<!-- postmortem-followups:changes-begin -->";
export const CHANGES_END = "<!-- postmortem-followups:changes-end -->";

const TEXT: Record<
  Language,
  {
    created: (issue: string, title: string) => string;
    recovered: (issue: string, title: string) => string;
    updated: (issue: string, reasons: string) => string;
    closed: Record<"removed-item" | "removed-file" | "duplicate", (issue: string, extra: string) => string>;
    labels: (names: string) => string;
    milestone: Record<"created" | "updated", (title: string, due: string) => string>;
    reasons: Record<string, string>;
    open: string;
    closedState: string;
    adopted: string;
    done: string;
    joined: (issue: string, title: string) => string;
    none: string;
  }
> = {
  en: {
    created: (issue, title) => `Created ${issue}: ${title}`,
    recovered: (issue, title) => `Created ${issue}: ${title} (found after a GitHub error; not created twice)`,
    updated: (issue, reasons) => `Updated ${issue}: ${reasons}`,
    closed: {
      "removed-item": (issue) => `Closed ${issue} as not planned: the follow-up left the postmortem`,
      "removed-file": (issue) => `Closed ${issue} as not planned: the postmortem was deleted`,
      duplicate: (issue, extra) => `Closed ${issue} as a duplicate of ${extra}`,
    },
    labels: (names) => `Created labels: ${names}`,
    milestone: {
      created: (title, due) => `Created milestone ${title} (due ${due})`,
      updated: (title, due) => `Moved milestone ${title} to ${due}`,
    },
    reasons: {
      title: "title",
      owner: "owner",
      labels: "labels",
      milestone: "milestone",
      body: "description",
      restored: "reopened (back in the postmortem)",
    },
    open: "open",
    closedState: "closed",
    adopted: "adopted",
    done: "done in the postmortem",
    joined: (issue, title) => `${issue} still tracks the edited item: ${title}`,
    none: "—",
  },
  ko: {
    created: (issue, title) => `${issue} 생성: ${title}`,
    recovered: (issue, title) => `${issue} 생성: ${title} (GitHub 오류 뒤 확인됨, 중복 생성하지 않음)`,
    updated: (issue, reasons) => `${issue} 수정: ${reasons}`,
    closed: {
      "removed-item": (issue) => `${issue} 계획 없음으로 닫음: 포스트모템에서 빠진 후속 조치`,
      "removed-file": (issue) => `${issue} 계획 없음으로 닫음: 포스트모템 삭제`,
      duplicate: (issue, extra) => `${josa(issue, "을/를")} ${extra}의 중복으로 닫음`,
    },
    labels: (names) => `레이블 생성: ${names}`,
    milestone: {
      created: (title, due) => `마일스톤 ${title} 생성 (기한 ${due})`,
      updated: (title, due) => `마일스톤 ${title}의 기한을 ${josa(due, "으로/로")} 변경`,
    },
    reasons: {
      title: "제목",
      owner: "담당자",
      labels: "레이블",
      milestone: "마일스톤",
      body: "본문",
      restored: "다시 열림 (포스트모템에 다시 추가됨)",
    },
    open: "열림",
    closedState: "닫힘",
    adopted: "기존 이슈로 추적",
    done: "포스트모템에서 완료",
    joined: (issue, title) => `${issue}: 수정된 항목을 계속 추적합니다: ${title}`,
    none: "—",
  },
};

export function formatProblemLine(problem: Problem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  const path = problem.path ? ` ${inline(problem.path)}:` : "";
  return `**${problem.severity}** \`${where.replace(/`/g, "")}\`${path} ${inline(problem.message)}`;
}

/** What this run changed, one line each (empty when nothing changed). */
export function changeLines(result: ReconcileResult, language: Language): string[] {
  const t = TEXT[language];
  const lines: string[] = [];
  for (const f of result.followups) {
    if (f.number === null) continue;
    if (f.joined && f.state !== "failed") lines.push(t.joined(`#${f.number}`, inline(f.title)));
    if (f.state === "created")
      lines.push((f.recovered ? t.recovered : t.created)(`#${f.number}`, inline(f.title)));
    if (f.state === "updated")
      lines.push(t.updated(`#${f.number}`, f.reasons.map((r) => t.reasons[r] ?? r).join(", ")));
  }
  for (const c of result.closed) {
    if (!c.ok) continue;
    lines.push(t.closed[c.reason](`#${c.number}`, c.duplicateOf ? `#${c.duplicateOf}` : ""));
  }
  if (result.labelsCreated.length > 0)
    lines.push(t.labels(result.labelsCreated.map((l) => `\`${l.replace(/`/g, "")}\``).join(", ")));
  for (const m of result.milestones) {
    if (m.change === "unchanged") continue;
    lines.push(t.milestone[m.change](inline(m.title), m.dueOn ?? t.none));
  }
  return lines;
}

function rowsByTerm(followups: readonly FollowupReport[], config: Config) {
  const t = TEXT[config.language];
  return TERMS.map((term) => ({
    name: TERM_NAMES[config.language][term],
    rows: followups
      .filter((f) => f.term === term)
      .map((f, index) => ({ f, index }))
      .sort((a, b) => a.f.category.localeCompare(b.f.category) || a.index - b.index)
      .map(({ f }) => ({
        issue:
          f.state === "done"
            ? t.done
            : f.state === "adopted"
              ? `#${f.number} (${t.adopted})`
              : f.number === null
                ? t.none
                : f.issueState === "closed"
                  ? `#${f.number} (${t.closedState})`
                  : `#${f.number}`,
        category: cell(categoryName(config.language, f.category, config.categories)),
        title: cell(f.title),
        owner: f.owner ? cell(quietLogin(f.owner)) + (f.ownerProblem ? " ⚠️" : "") : t.none,
        due: f.due,
      })),
  })).filter((term) => term.rows.length > 0);
}

export interface SummaryInput {
  result: ReconcileResult;
  config: Config;
  repo: RepoRef;
  pr: PullRef;
  /** The current summary comment's body, to carry its "last changes" over a run that changed nothing. */
  previousBody?: string | null;
}

/** The summary comment's full body (marker included). */
export function renderSummary({ result, config, repo, pr, previousBody }: SummaryInput): string {
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
  let full = `${renderMarker("summary", { pr: pr.number } satisfies SummaryMarker)}\n${body}\n`;
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

import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { parseISO } from "date-fns/parseISO";
import { t } from "../../text/catalog/index.js";
import type { Language } from "../../text/language.js";
import { inline } from "../../text/sanitize.js";
import type { RecurrenceFollowup, RecurrenceMatch, ServiceRecurrence } from "./recurrence.js";

/**
 * Recurrence as Markdown, pure: the section the PR check and the PR summary show, the comment on the
 * earlier postmortem's pull request, and `report`'s table. Every name from a file is sanitised here.
 */

export interface RecurrenceRenderContext {
  language: Language;
  /** YYYY-MM-DD: ages count from it. */
  today: string;
  serverUrl: string;
  /** `owner/name` of the repository the text is shown in: its own files need no repository name. */
  repository: string;
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

export function postmortemLink(repository: string, path: string, ctx: RecurrenceRenderContext): string {
  const url = `${ctx.serverUrl}/${repository}/blob/HEAD/${path.split("/").map(encodeURIComponent).join("/")}`;
  const text = repository === ctx.repository ? path : `${repository}: ${path}`;
  return `[${inline(text).replace(/[[\]]/g, "")}](${url})`;
}

function pullText(repository: string, pr: number | null, ctx: RecurrenceRenderContext): string {
  if (pr === null) return "";
  return repository === ctx.repository ? `#${pr}` : `${repository}#${pr}`;
}

function stateText(f: RecurrenceFollowup, ctx: RecurrenceRenderContext): string {
  const lang = ctx.language;
  const age = () => {
    const days = f.closedAt ? differenceInCalendarDays(parseISO(ctx.today), parseISO(f.closedAt)) : 0;
    return t(lang, "recurrence.age", { days });
  };
  switch (f.status) {
    case "done_validated":
    case "done_unvalidated":
    case "not_doing":
      return t(lang, `recurrence.state.${f.status}`, { age: age() });
    case "lapsed":
    case "open":
      return t(lang, `recurrence.state.${f.status}`);
    case "due_soon":
    case "overdue":
      return t(lang, `recurrence.state.${f.status}`, { due: f.due ?? "" });
  }
}

/** The section listing the earlier postmortems (empty string when there is none). */
export function renderRecurrence(matches: readonly RecurrenceMatch[], ctx: RecurrenceRenderContext): string {
  if (matches.length === 0) return "";
  const lang = ctx.language;
  const lines = [
    `### 🔁 ${t(lang, "recurrence.heading")}`,
    "",
    t(lang, "recurrence.intro", { count: matches.length }),
    "",
  ];
  for (const m of matches) {
    const shared = [...m.services, ...m.tags].map(code).join(", ");
    const repo = m.earlier.repository;
    lines.push(
      `- ${t(lang, "recurrence.earlier", {
        link: postmortemLink(repo, m.earlier.path, ctx),
        date: m.earlier.date ?? "?",
        pr: pullText(repo, m.earlier.pr, ctx),
        shared,
      })}`,
    );
    if (m.followups.length === 0) lines.push(`  - ${t(lang, "recurrence.no-followups")}`);
    for (const f of m.followups)
      lines.push(
        `  - ${t(lang, "recurrence.followup", {
          id: code(f.id),
          issue: f.number === null ? "" : repo === ctx.repository ? `#${f.number}` : `${repo}#${f.number}`,
          state: stateText(f, ctx),
        })}`,
      );
    if (m.moreFollowups > 0) lines.push(`  - ${t(lang, "recurrence.more", { count: m.moreFollowups })}`);
    if (m.unfinished) lines.push(`  - ${t(lang, "recurrence.unfinished")}`);
  }
  return lines.join("\n");
}

/** The one comment on an earlier postmortem's pull request (without its marker). */
export function renderRecurrenceComment(
  input: { repository: string; path: string; title: string; pr: number | null; shared: readonly string[] },
  ctx: RecurrenceRenderContext,
): string {
  return t(ctx.language, "recurrence.comment", {
    link: postmortemLink(input.repository, input.path, ctx),
    pr: pullText(input.repository, input.pr, ctx),
    shared: input.shared.map(code).join(", "),
    title: `**${inline(input.title).replace(/\*/g, "")}**`,
  });
}

/** `report`'s table of repeat incidents per service (Markdown). */
export function renderServiceRecurrence(rows: readonly ServiceRecurrence[], language: Language): string {
  const lines = [`## ${t(language, "recurrence.report.heading")}`, ""];
  const repeats = rows.reduce((n, r) => n + r.repeats, 0);
  if (rows.length === 0) return [...lines, t(language, "recurrence.report.none")].join("\n");
  const unfinished = rows.reduce((n, r) => n + r.whileUnfinished, 0);
  lines.push(t(language, "recurrence.report.intro", { repeats, unfinished }), "");
  lines.push(
    `| ${t(language, "recurrence.report.service")} | ${t(language, "recurrence.report.incidents")} | ${t(language, "recurrence.report.repeats")} | ${t(language, "recurrence.report.while-unfinished")} |`,
    "| --- | ---: | ---: | ---: |",
  );
  for (const r of rows) {
    const share = r.repeats > 0 ? ` (${Math.round((100 * r.whileUnfinished) / r.repeats)}%)` : "";
    lines.push(`| ${code(r.service)} | ${r.incidents} | ${r.repeats} | ${r.whileUnfinished}${share} |`);
  }
  return lines.join("\n");
}

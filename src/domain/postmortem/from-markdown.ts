/**
 * The Markdown reader's result (./markdown/) in the shape of the precise format's ParseResult: the
 * adapter between the reader and the rest of postmortem/ lives beside ParseResult, so that the reader
 * imports nothing of the folder that dispatches to it but the schema (no folder cycle).
 */

import type { Term } from "../../text/catalog/labels.js";
import type { MarkdownReadResult } from "./markdown/types.js";
import type { ParsedFollowup, ParseResult } from "./result.js";
import { FOLLOWUP_ID_PATTERN, type Followup, LIMITS, type Postmortem } from "./schema.js";

/**
 * The open items as the planner's follow-ups (done items are left out: they get no issue). Owners
 * that are not logins are left out of `owner` (the item keeps them as `ownerText`).
 */
export function toParsedFollowups(result: MarkdownReadResult): ParsedFollowup[] {
  const index: Record<Term, number> = { short_term: 0, long_term: 0 };
  const out: ParsedFollowup[] = [];
  for (const item of result.items) {
    if (item.status === "done" || !FOLLOWUP_ID_PATTERN.test(item.id)) continue;
    const f: Followup = { id: item.id, title: item.title, category: item.category };
    if (item.owner) f.owner = item.owner;
    if (item.due) f.due = item.due;
    if (item.priority) f.priority = item.priority;
    if (item.repo) f.repo = item.repo;
    if (item.description) f.description = item.description;
    if (item.evidence.length > 0) f.validation = item.evidence.slice(0, LIMITS.validationEntries);
    out.push({ ...f, term: item.term, index: index[item.term]++, line: item.line });
  }
  return out;
}

/** The reader's result in the shape of the precise format's ParseResult (plus the Markdown result). */
export function markdownParseResult(
  result: MarkdownReadResult,
): ParseResult & { markdown: MarkdownReadResult } {
  const followups = toParsedFollowups(result);
  const { title, date, severity, services, tags } = result.meta;
  const postmortem: Postmortem | null =
    title && date
      ? {
          title: title.slice(0, LIMITS.titleLength),
          date,
          ...(severity ? { severity } : {}),
          ...(services ? { services: services.map((s) => s.name) } : {}),
          ...(tags ? { tags: tags.map((s) => s.name) } : {}),
          ...recordOf(result),
          followups: {
            short_term: followups
              .filter((f) => f.term === "short_term")
              .map(({ term: _t, index: _i, line: _l, ...f }) => f),
            long_term: followups
              .filter((f) => f.term === "long_term")
              .map(({ term: _t, index: _i, line: _l, ...f }) => f),
          },
        }
      : null;
  const scope = services || tags ? { scope: { services: services ?? [], tags: tags ?? [] } } : {};
  return {
    file: result.file,
    format: "markdown",
    postmortem,
    ...scope,
    followups,
    problems: result.problems,
    markdown: result,
  };
}

/** The response record as the precise format's keys (only those the file has). */
function recordOf(result: MarkdownReadResult): Partial<Postmortem> {
  const r = result.record;
  if (!r) return {};
  const out: Partial<Postmortem> = {};
  if (r.timeline.length) out.timeline = r.timeline.map(({ at, event }) => ({ at, event }));
  if (r.communication.length)
    out.communication = r.communication.slice(0, LIMITS.listItems).map(({ line: _l, ...entry }) => entry);
  if (r.actions.length)
    out.response_actions = r.actions.slice(0, LIMITS.listItems).map(({ line: _l, ...entry }) => entry);
  if (r.evaluation) out.evaluation = r.evaluation.text;
  return out;
}

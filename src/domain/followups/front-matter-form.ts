import { parseDocument, stringify } from "yaml";
import type { Config } from "../config/schema.js";
import { hasErrors, type Problem } from "../diagnostics/problem.js";
import { parsePostmortem } from "../postmortem/parse.js";
import type { ParsedFollowup } from "../postmortem/result.js";
import type { Followup } from "../postmortem/schema.js";

/**
 * `convert --to front-matter` (issue 14): a plain Markdown postmortem rewritten in the precise form,
 * YAML front matter with `followups` (ids, titles, owners, due dates, terms, categories, priorities,
 * descriptions, validation) derived from its items, the Markdown body kept as it is. Parsing the result
 * gives the same follow-ups with the same ids, which the caller can check (the tests do, on every
 * example and fixture). What the precise form cannot say is reported, not dropped silently:
 *
 * - a done item gets no issue in either form, so it is left out of `followups`;
 * - an item that adopts an existing issue (its tracking link) is written as a follow-up, and its merge
 *   would create an issue for it: the precise form has no tracking link;
 * - an owner that is not a GitHub login (a team name) stays only in the Markdown body;
 * - an item without evidence: the precise form requires `validation` (`validation.required`) where
 *   Markdown only warns (`validation.markdown`), so the result has an error there until one is added.
 */

export interface FrontMatterNote {
  line: number;
  id: string;
  kind: "done-left-out" | "adoption-lost" | "owner-text" | "no-validation";
  /** The adopted issue, or the owner as written. */
  detail?: string;
}

export type FrontMatterForm =
  | { ok: true; text: string; followups: number; notes: FrontMatterNote[] }
  | { ok: false; reason: "already-front-matter" | "not-a-postmortem" | "errors"; problems: Problem[] };

const FIELDS = [
  "id",
  "title",
  "category",
  "owner",
  "due",
  "priority",
  "repo",
  "description",
  "validation",
] as const;

function followupEntry(f: ParsedFollowup): Followup {
  const out: Record<string, unknown> = {};
  for (const key of FIELDS) if (f[key] !== undefined) out[key] = f[key];
  return out as Followup;
}

/** The existing front matter (a blog's title/publishDate) and the body after it. */
function splitFrontMatter(text: string): { yaml: string | null; body: string } {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trimEnd() !== "---") return { yaml: null, body: text };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (line === "---" || line === "...")
      return { yaml: lines.slice(1, i).join("\n"), body: lines.slice(i + 1).join("\n") };
  }
  return { yaml: null, body: text };
}

export function toFrontMatter(file: string, text: string, config: Config): FrontMatterForm {
  const parsed = parsePostmortem(file, text, config);
  if (parsed.format !== "markdown" || !parsed.markdown)
    return { ok: false, reason: "already-front-matter", problems: [] };
  if (parsed.skipped || !parsed.postmortem)
    return { ok: false, reason: "not-a-postmortem", problems: parsed.problems };
  if (hasErrors(parsed.problems)) return { ok: false, reason: "errors", problems: parsed.problems };

  const notes: FrontMatterNote[] = [];
  const byId = new Map(parsed.markdown.items.map((i) => [i.id, i]));
  for (const item of parsed.markdown.items) {
    if (item.status === "done") notes.push({ line: item.line, id: item.id, kind: "done-left-out" });
  }
  for (const f of parsed.followups) {
    const item = byId.get(f.id);
    const adopts = item?.tracking.find((ref) => /^#\d+$/.test(ref) || /\/(?:issues|pull)\/\d+$/.test(ref));
    if (adopts) notes.push({ line: f.line, id: f.id, kind: "adoption-lost", detail: adopts });
    if (item?.ownerText && !f.owner)
      notes.push({ line: f.line, id: f.id, kind: "owner-text", detail: item.ownerText });
    if (config.validation.required && !f.validation?.length)
      notes.push({ line: f.line, id: f.id, kind: "no-validation" });
  }
  notes.sort((a, b) => a.line - b.line);

  const { yaml, body } = splitFrontMatter(text);
  const document = parseDocument(yaml ?? "");
  const { title, date, severity } = parsed.postmortem;
  // Keys of other tools (a blog's slug) stay; ours are set from what the reader found.
  if (!document.has("title")) document.set("title", title);
  document.set("date", date);
  if (severity && !document.has("severity")) document.set("severity", severity);
  const terms = { short_term: [] as Followup[], long_term: [] as Followup[] };
  for (const f of parsed.followups) terms[f.term].push(followupEntry(f));
  document.set("followups", {
    ...(terms.short_term.length ? { short_term: terms.short_term } : {}),
    ...(terms.long_term.length ? { long_term: terms.long_term } : {}),
  });
  const front = (
    document.contents ? document.toString({ lineWidth: 0 }) : stringify({}, { lineWidth: 0 })
  ).trimEnd();
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const out = `---${eol}${front.split("\n").join(eol)}${eol}---${eol}${body.startsWith("\n") || body.startsWith("\r\n") ? "" : eol}${body}`;
  return { ok: true, text: out, followups: parsed.followups.length, notes };
}

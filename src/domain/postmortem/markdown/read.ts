/**
 * The Markdown reader's entry (issue 14): from a file's text to its meta, follow-up sections and items.
 * Longer than 350 lines: the scanning, sections, items, fields, classification and identity live in
 * their own files beside this one; what stays here is the assembly of one item from all of them, with
 * how each field was derived, which reads best in one place.
 */
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { cjkFriendlyExtension } from "micromark-extension-cjk-friendly";
import { gfmStrikethroughCjkFriendly } from "micromark-extension-cjk-friendly-gfm-strikethrough";
import { gfm } from "micromark-extension-gfm";
import { detail, type ProblemDetail, renderDetail } from "../../../text/catalog/index.js";
import type { Language } from "../../../text/language.js";
import type { Problem, Severity } from "../../diagnostics/problem.js";
import { LIMITS } from "../schema.js";
import { DEFAULT_CATEGORY_RULES, decideCategory, decideTerm, termWord } from "./classify.js";
import {
  dropReferenceTail,
  dueOf,
  findDate,
  hasDoneMarker,
  isValidDate,
  labelledFields,
  mentionOf,
  priorityOf,
  repositoryOf,
  resolveOwner,
  statusOf,
  stripMarkers,
  trackingRefs,
} from "./fields.js";
import { derivedId, normaliseExplicitId, takeAnchor } from "./identity.js";
import { collectItems, type RawItem } from "./items.js";
import { readRecord } from "./record.js";
import { SECTION_BYTES, scanHeadings, scanSections } from "./scan.js";
import { isFollowupHeading } from "./sections.js";
import type {
  MarkdownItem,
  MarkdownMeta,
  MarkdownReadOptions,
  MarkdownReadResult,
  MarkdownScopeEntry,
  MarkdownSection,
  OwnerSource,
  StatusSource,
} from "./types.js";

export type * from "./types.js";

const DEFAULT_CATEGORIES = ["system", "process", "training", "documentation", "tooling"] as const;

interface FrontMatter {
  keys: Record<string, { value: string; line: number }>;
  /** Lines of the block (opening and closing included). */
  lines: number;
}

/** Top-level `key: value` lines of a leading `---` block (no YAML evaluation: nothing to exhaust). */
function frontMatter(lines: readonly string[]): FrontMatter | undefined {
  if (lines[0]?.trimEnd() !== "---") return undefined;
  const keys: FrontMatter["keys"] = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (line === "---" || line === "...") return { keys, lines: i + 1 };
    const m = /^([A-Za-z_][A-Za-z0-9_]{0,40})\s{0,5}:\s{0,5}(.*)$/.exec(line);
    if (m && !(m[1]! in keys))
      keys[m[1]!] = { value: m[2]!.trim().replace(/^(["'])(.*)\1$/, "$2"), line: i + 1 };
  }
  return undefined;
}

const DATE_LABEL =
  /^(?:date|incident date|date of incident|when|날짜|발생 ?일시|발생 ?일자|장애 ?일시|장애 ?일자|일시)\s{0,3}[:：]/i;
/** A heading that is only a date label (`### Date`, `## 발생 일시`): the date is the next paragraph (the SRE book's layout). */
const DATE_HEADING =
  /^#{1,6}\s+(?:date|incident date|date of incident|when|날짜|발생 ?일시|발생 ?일자|장애 ?일시|장애 ?일자|일시)\s{0,3}[:：]?\s{0,3}#*\s*$/i;
const SEVERITY_LABEL = /^(?:severity|sev|impact level|심각도|장애 ?등급|등급)\s{0,3}[:：]\s{0,3}(.*)$/i;

const SCOPE_LABELS: Record<"services" | "tags", RegExp> = {
  services:
    /^(?:services?|affected services?|서비스|영향 ?(?:받은 )?서비스|대상 ?서비스)\s{0,3}[:：]\s{0,3}(.*)$/i,
  tags: /^(?:tags?|태그)\s{0,3}[:：]\s{0,3}(.*)$/i,
};

/**
 * The names of a `Services:` / `Tags:` value (`checkout, payments`, `[a, b]`, `` `a` / `b` ``),
 * each with its column in the raw line (the label's column when the decoration hides it).
 */
function scopeEntries(value: string, raw: string, line: number): MarkdownScopeEntry[] {
  const out: MarkdownScopeEntry[] = [];
  const seen = new Set<string>();
  const fallback = raw.length - raw.trimStart().length + 1;
  for (const part of value.replace(/^\[|\]$/g, "").split(/[,，、;/]/)) {
    const name = part
      .replace(/[`"'#]/g, "")
      .trim()
      .slice(0, LIMITS.scopeNameLength);
    if (!name || seen.has(name.toLowerCase()) || out.length >= LIMITS.scopeNames) continue;
    seen.add(name.toLowerCase());
    const at = raw.indexOf(name);
    out.push({ name, line, column: at >= 0 ? at + 1 : fallback });
  }
  return out;
}

/** The first `Services:` and `Tags:` lines (front matter keys first), within the first 400 lines. */
function scopeOf(
  lines: readonly string[],
  fm: FrontMatter | undefined,
): Pick<MarkdownMeta, "services" | "tags"> {
  const out: Pick<MarkdownMeta, "services" | "tags"> = {};
  for (const key of ["services", "tags"] as const) {
    const k = fm?.keys[key];
    if (k?.value) {
      const entries = scopeEntries(k.value, lines[k.line - 1] ?? "", k.line);
      if (entries.length > 0) out[key] = entries;
      continue;
    }
    for (let i = fm?.lines ?? 0; i < lines.length && i < 400; i++) {
      const m = SCOPE_LABELS[key].exec(bare(lines[i]!));
      if (!m) continue;
      const entries = scopeEntries(m[1]!, lines[i]!.slice(0, 400), i + 1);
      if (entries.length > 0) out[key] = entries;
      break;
    }
  }
  return out;
}

/** A line without list/quote/emphasis decoration: `- **Date:** x` -> `Date: x`. */
function bare(line: string): string {
  return line
    .slice(0, 400)
    .replace(/^[\s>*+-]{0,12}/, "")
    .replace(/^\|/, "")
    .replace(/[*_]{1,3}/g, "")
    .replace(/\s*\|\s*/g, ": ")
    .trim();
}

function metaOf(
  file: string,
  lines: readonly string[],
  fm: FrontMatter | undefined,
  firstHeading: string | undefined,
): MarkdownMeta & { dateLine?: number } {
  const meta: MarkdownMeta & { dateLine?: number } = {};
  const k = fm?.keys ?? {};
  if (k.title?.value) {
    meta.title = k.title.value;
    meta.titleSource = "front-matter";
  } else {
    const text = firstHeading ?? "";
    if (text) {
      meta.title = text;
      meta.titleSource = "heading";
    }
  }
  const fmDate = k.date ?? k.publishDate;
  const d = fmDate ? findDate(fmDate.value) : undefined;
  if (d) {
    meta.date = d;
    meta.dateSource = "front-matter";
  } else {
    for (let i = fm?.lines ?? 0; i < lines.length && i < 400; i++) {
      const b = bare(lines[i]!);
      if (DATE_HEADING.test(lines[i]!.slice(0, 400).trim())) {
        // the first non-blank line under the heading, when it is not another heading
        let j = i + 1;
        while (j < lines.length && j < i + 4 && lines[j]!.trim() === "") j++;
        const next = j < lines.length && !/^\s{0,3}#/.test(lines[j]!) ? bare(lines[j]!) : "";
        const found = /^\d{4}-\d{2}-\d{2}/.test(next) ? findDate(next) : undefined;
        if (found) {
          meta.date = found;
          meta.dateSource = "line";
          meta.dateLine = j + 1;
          break;
        }
        continue;
      }
      if (!DATE_LABEL.test(b)) continue;
      const found = findDate(b);
      if (found) {
        meta.date = found;
        meta.dateSource = "line";
        meta.dateLine = i + 1;
        break;
      }
    }
  }
  const base = file.slice(file.lastIndexOf("/") + 1);
  const prefix = /^(\d{4}-\d{2}-\d{2})/.exec(base)?.[1];
  if (!meta.date && prefix && isValidDate(prefix)) {
    meta.date = prefix;
    meta.dateSource = "file-name";
  }
  if (!meta.title) {
    const name = base
      .replace(/\.[^.]*$/, "")
      .replace(/^\d{4}-\d{2}-\d{2}[-_]?/, "")
      .replace(/[-_]+/g, " ")
      .trim();
    if (name) {
      meta.title = name;
      meta.titleSource = "file-name";
    }
  }
  if (k.severity?.value) meta.severity = k.severity.value;
  else {
    for (let i = fm?.lines ?? 0; i < lines.length && i < 400; i++) {
      const m = SEVERITY_LABEL.exec(bare(lines[i]!));
      if (!m) continue;
      const v = m[1]!.trim();
      meta.severity =
        /\bSEV-?\s?[0-9]\b/i.exec(v)?.[0].replace(/[-\s]/g, "").toUpperCase() ??
        /\bP[0-4]\b/i.exec(v)?.[0].toUpperCase() ??
        (v.slice(0, 32) || undefined);
      break;
    }
    if (!meta.severity) {
      for (let i = fm?.lines ?? 0; i < lines.length && i < 400; i++) {
        const m = /\bSEV-?([1-4])\b/i.exec(lines[i]!.slice(0, 400));
        if (m) {
          meta.severity = `SEV${m[1]}`;
          break;
        }
      }
    }
  }
  return { ...meta, ...scopeOf(lines, fm) };
}

const LOGINISH = /^@?[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;

function finishItem(
  raw: RawItem,
  section: string,
  incident: string | undefined,
  options: MarkdownReadOptions,
): Omit<MarkdownItem, "id" | "idSource"> & {
  explicitId?: string;
  explicitFrom?: "anchor" | "comment" | "cell";
  unknownOwner?: string;
  badRepository?: string;
} {
  const anchor = takeAnchor(raw.title);
  let title = anchor.text;
  const all = `${title}\n${raw.description}`.slice(0, LIMITS.textLength);
  const labels = labelledFields(all);
  const label = (kind: string) => labels.find((l) => l.kind === kind)?.value;
  for (const l of labels) title = title.replace(l.raw, "");

  // Owner.
  let ownerText = raw.cells.owner;
  let ownerSource: OwnerSource = ownerText ? "column" : "none";
  if (!ownerText && label("owner")) {
    ownerText = label("owner");
    ownerSource = "label";
  }
  const bracket = /^\[([^\]\n]{1,60})\]\s*/.exec(title);
  if (bracket && !/^(?:x| |done|완료)$/i.test(bracket[1]!)) {
    title = title.slice(bracket[0].length);
    if (!ownerText) {
      ownerText = bracket[1]!.trim();
      ownerSource = "bracket";
    }
  }
  const to = /^(@?[A-Za-z][A-Za-z0-9-]{0,38})( team)? to\s/.exec(title);
  if (!ownerText && to) {
    const who = to[1]!;
    const mapped =
      options.owners &&
      Object.keys(options.owners).some((n) => n.toLowerCase() === who.replace(/^@/, "").toLowerCase());
    if (who.startsWith("@") || to[2] || mapped || (who.length >= 2 && who === who.toUpperCase())) {
      ownerText = `${who}${to[2] ?? ""}`;
      ownerSource = "to";
    }
  }
  if (!ownerText) {
    const m = mentionOf(all);
    if (m) {
      ownerText = `@${m}`;
      ownerSource = "mention";
    }
  }
  let owner: string | undefined;
  let ownerMapped: boolean | undefined;
  let unknownOwner: string | undefined;
  if (ownerText) {
    ownerText = ownerText.replace(/[*_`]/g, "").trim();
    const first =
      ownerSource === "column" || ownerSource === "label"
        ? mentionOf(ownerText)
          ? `@${mentionOf(ownerText)}`
          : ownerText
        : ownerText;
    const r = resolveOwner(first, options.owners);
    owner = r.owner;
    ownerMapped = r.mapped;
    if (r.unknown) unknownOwner = ownerText;
    if (ownerSource === "to" && r.unknown && !LOGINISH.test(ownerText)) unknownOwner = ownerText;
  }

  // Status.
  let status: MarkdownItem["status"] = "open";
  let statusSource: StatusSource = "none";
  const cellStatus = raw.cells.status ? statusOf(raw.cells.status) : undefined;
  const labelStatus = label("status") ? statusOf(label("status")!) : undefined;
  if (raw.checked !== undefined) {
    status = raw.checked ? "done" : "open";
    statusSource = "checkbox";
  } else if (cellStatus) {
    status = cellStatus;
    statusSource = "column";
  } else if (raw.struck) {
    status = "done";
    statusSource = "strikethrough";
  } else if (hasDoneMarker(raw.title) || hasDoneMarker(raw.cells.tracking ?? "")) {
    status = "done";
    statusSource = "marker";
  } else if (labelStatus) {
    status = labelStatus;
    statusSource = "marker";
  } else if (/\b(?:completed|done)\b|완료/iu.test(raw.context)) {
    status = "done";
    statusSource = "heading";
  }

  // Tracking, evidence, priority, due.
  const trackingCell = raw.cells.tracking?.replace(/\*\*?(?:TODO|DONE)\*\*?|\b(?:TODO|DONE)\b/g, "").trim();
  const tracking = trackingRefs(
    [raw.cells.tracking ?? "", label("tracking") ?? "", title, raw.description, ...raw.links]
      .join("\n")
      .slice(0, LIMITS.textLength),
  );
  if (tracking.length === 0 && trackingCell && /\d/.test(trackingCell) && !/^n\/?a$/i.test(trackingCell))
    tracking.push(trackingCell.slice(0, 200));
  const evidenceText = raw.cells.evidence ?? label("evidence");
  const evidenceLinks =
    raw.cellLinks?.evidence ?? (evidenceText ? raw.links.filter((l) => evidenceText.includes(l)) : []);
  const evidence =
    evidenceLinks.length > 0
      ? evidenceLinks.slice(0, LIMITS.validationEntries)
      : evidenceText
        ? [evidenceText.slice(0, 2048)]
        : [];
  const priorityText = raw.cells.priority ?? label("priority");
  let priority = priorityText ? priorityOf(priorityText) : undefined;
  const pToken = /[([]?\bP([0-3])\b[)\]]?:?/.exec(title);
  if (pToken) {
    priority ??= `P${pToken[1]}` as MarkdownItem["priority"];
    title = title.replace(pToken[0], "");
  }
  // Repository: a Repository / 저장소 column, or `repo: acme/payments` in the text.
  const repoText = raw.cells.repo ?? label("repo");
  const repo = repoText ? repositoryOf(repoText) : undefined;
  const dueText = raw.cells.due ?? label("due");
  const due = dueText ? dueOf(dueText, incident) : undefined;

  let descriptionText = raw.description;
  title = stripMarkers(dropReferenceTail(title.replace(/~~/g, ""))).slice(0, LIMITS.titleLength);
  if (!title && descriptionText) {
    // `- Owner: bob` with the action on the next line: the next line is the title.
    const nl = descriptionText.indexOf("\n");
    title = stripMarkers(nl < 0 ? descriptionText : descriptionText.slice(0, nl)).slice(
      0,
      LIMITS.titleLength,
    );
    descriptionText = nl < 0 ? "" : descriptionText.slice(nl + 1).trim();
  }
  if (!title)
    title = stripMarkers(raw.title).slice(0, LIMITS.titleLength) || raw.title.slice(0, LIMITS.titleLength);

  const context = raw.context;
  const heading = termWord(context) ? context : section;
  const term = decideTerm({
    column: raw.cells.term,
    heading,
    type: raw.cells.type,
    due: due?.due,
    incident,
    shortTermDays: options.shortTermDays ?? 14,
    defaultTerm: options.defaultTerm ?? "long_term",
  });
  const categories = options.categories ?? DEFAULT_CATEGORIES;
  const category = decideCategory({
    column: raw.cells.category,
    type: raw.cells.type,
    title,
    rules: [...(options.categoryRules ?? []), ...DEFAULT_CATEGORY_RULES],
    categories,
    defaultCategory:
      options.defaultCategory ?? (categories.includes("system") ? "system" : (categories[0] ?? "system")),
  });
  const explicit: { explicitId?: string; explicitFrom?: "anchor" | "comment" | "cell" } = anchor.id
    ? { explicitId: anchor.id, explicitFrom: "anchor" }
    : raw.commentId
      ? { explicitId: raw.commentId, explicitFrom: "comment" }
      : raw.cells.id && /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(raw.cells.id)
        ? { explicitId: raw.cells.id, explicitFrom: "cell" }
        : {};
  const description = descriptionText.slice(0, LIMITS.textLength) || undefined;
  return {
    title,
    line: raw.line,
    column: raw.column,
    shape: raw.shape,
    section,
    term: term.term,
    termSource: term.source,
    ...(term.reason ? { termReason: term.reason } : {}),
    category: category.category,
    categorySource: category.source,
    ...(category.reason ? { categoryReason: category.reason } : {}),
    ...(owner ? { owner } : {}),
    ...(ownerText ? { ownerText } : {}),
    ownerSource,
    ...(ownerMapped ? { ownerMapped } : {}),
    status,
    statusSource,
    tracking,
    evidence,
    ...(priority ? { priority } : {}),
    ...(repo ? { repo } : {}),
    ...(due ? { due: due.due, dueSource: due.source } : {}),
    ...(description ? { description } : {}),
    ...explicit,
    ...(unknownOwner ? { unknownOwner } : {}),
    ...(repoText && !repo ? { badRepository: repoText.slice(0, 100) } : {}),
  };
}

/** Lines are cut to this length before parsing (a title is 256 characters at most). */
const LINE_BYTES = 16 * 1024;
/** A top-level list item or a table row. */
const ITEM_LINE = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]|^ {0,3}\|/;

/** Container markers nested deeper than this are not containers (micromark is quadratic in nesting). */
const MAX_NESTING = 32;

/** A line as the parser sees it: cut to LINE_BYTES, and a deep `> > - -` prefix blanked (same columns). */
function tame(line: string): string {
  const l = line.length > LINE_BYTES ? line.slice(0, LINE_BYTES) : line;
  let markers = 0;
  let i = 0;
  for (; i < l.length; i++) {
    const c = l[i];
    if (c === ">" || c === "-" || c === "*" || c === "+") markers++;
    else if (c !== " " && c !== "\t") break;
  }
  return markers > MAX_NESTING ? " ".repeat(i) + l.slice(i) : l;
}

const PARSE_OPTIONS = {
  extensions: [gfm(), cjkFriendlyExtension(), gfmStrikethroughCjkFriendly()],
  mdastExtensions: [gfmFromMarkdown()],
};

/**
 * Reads a postmortem written as plain Markdown (no `followups` front matter): its title, date,
 * severity, follow-up section(s) and items. Pure and linear in the size of the text; never throws
 * on any input. Every problem has file:line:column.
 */
export function readMarkdownPostmortem(
  file: string,
  text: string,
  options: MarkdownReadOptions = {},
): MarkdownReadResult {
  const language: Language = options.language ?? "en";
  const problems: Problem[] = [];
  const problem = (severity: Severity, line: number, column: number, d: ProblemDetail): void => {
    problems.push({
      file,
      line,
      column,
      severity,
      path: "",
      code: d.code,
      message: renderDetail(language, d),
    });
  };
  const clean = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = clean.split("\n");
  const fm = frontMatter(lines);
  const scanned = scanHeadings(lines, fm?.lines ?? 0);
  const ranges = scanSections(scanned, lines.length, options.sections);
  const headingTexts = scanned.filter((h) => h.level <= 6 && h.text).map((h) => h.text.slice(0, 120));
  const meta = metaOf(file, lines, fm, scanned.find((h) => h.level <= 6 && h.text)?.text);

  if (!meta.date) problem("error", 1, 1, detail("markdown-no-date"));
  // The response record (timeline, communication, response actions, post-evaluation): ./record.ts.
  const record = readRecord(lines, scanned, meta.date, (h) => isFollowupHeading(h, options.sections));
  for (const row of record.untimed)
    problem(
      "warning",
      row.line,
      row.column,
      detail("markdown-record-no-time", { section: row.section.slice(0, 120) }),
    );

  const sections: MarkdownSection[] = [];
  const finished: ReturnType<typeof finishItem>[] = [];
  let total = 0;
  for (const range of ranges) {
    // Only the section is parsed, padded with newlines so positions stay positions in the file.
    let end = range.end;
    let bytes = 0;
    let itemLines = 0;
    const wanted = LIMITS.followupsPerFile - finished.length + 10;
    for (let i = range.start; i < range.end; i++) {
      bytes += Math.min(lines[i]!.length, LINE_BYTES) + 1;
      // Stop once the section surely holds more items than the limit: the rest is only counted.
      if (ITEM_LINE.test(lines[i]!.slice(0, 20))) itemLines++;
      if (bytes > SECTION_BYTES || itemLines > wanted) {
        end = i;
        break;
      }
    }
    const body = `${"\n".repeat(range.start)}${lines.slice(range.start, end).map(tame).join("\n")}`;
    const root = fromMarkdown(body, PARSE_OPTIONS);
    const first = root.children[0];
    const bodyNodes =
      first && (first.type === "heading" || first.type === "paragraph")
        ? root.children.slice(1)
        : root.children;
    const max = Math.max(0, LIMITS.followupsPerFile - finished.length);
    const { items, count } = collectItems(body, bodyNodes, { max, columns: options.columns });
    // Past the parsed part, item-like lines are counted (for "too many"), not read.
    let rest = 0;
    for (let i = end; i < range.end; i++)
      if (/^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]|^ {0,3}\|/.test(lines[i]!.slice(0, 20))) rest++;
    total += count + rest;
    const line = range.heading.line + 1;
    const column = lines[range.heading.line]!.length - lines[range.heading.line]!.trimStart().length + 1;
    sections.push({
      title: range.heading.text,
      line,
      column,
      level: range.heading.level,
      items: items.length,
    });
    if (count + rest === 0)
      problem(
        "warning",
        line,
        column,
        detail("markdown-no-items", { section: range.heading.text.slice(0, 120) }),
      );
    for (const raw of items) finished.push(finishItem(raw, range.heading.text, meta.date, options));
  }
  if (total > LIMITS.followupsPerFile) {
    const pos = sections[0] ?? { line: 1, column: 1 };
    problem(
      "error",
      pos.line,
      pos.column,
      detail("too-many-followups", { count: total, max: LIMITS.followupsPerFile }),
    );
  }

  // Ids: explicit ones must be unique; derived ones get -2, -3, ... in file order.
  const explicitSeen = new Map<string, MarkdownItem["line"]>();
  const used = new Set<string>();
  for (const f of finished) if (f.explicitId) used.add(normaliseExplicitId(f.explicitId));
  const items: MarkdownItem[] = [];
  for (const f of finished) {
    const { explicitId, explicitFrom, unknownOwner, badRepository, ...rest } = f;
    let id: string;
    let idSource: MarkdownItem["idSource"];
    if (explicitId && explicitFrom) {
      id = normaliseExplicitId(explicitId);
      idSource = explicitFrom;
      const first = explicitSeen.get(id);
      if (first !== undefined)
        problem("error", f.line, f.column, detail("duplicate-id", { id, line: first, first: "" }));
      else explicitSeen.set(id, f.line);
    } else {
      const d = derivedId(f.title);
      id = d.id;
      idSource = d.source;
      for (let n = 2; used.has(id); n++) id = `${d.id.slice(0, LIMITS.idLength - 4)}-${n}`;
      used.add(id);
    }
    if (unknownOwner)
      problem(
        "warning",
        f.line,
        f.column,
        detail("markdown-unknown-owner", { owner: unknownOwner.slice(0, 100) }),
      );
    if (badRepository)
      problem("warning", f.line, f.column, detail("markdown-bad-repository", { value: badRepository }));
    items.push({ ...rest, id, idSource });
  }

  const { dateLine: _dateLine, ...publicMeta } = meta;
  const result: MarkdownReadResult = {
    file,
    meta: publicMeta,
    headings: headingTexts,
    sections,
    items,
    record,
    problems,
  };
  if (ranges.length === 0) {
    const d = detail("markdown-no-section", { headings: headingTexts.slice(0, 20) });
    problem("warning", 1, 1, d);
    result.found = renderDetail(language, d);
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return result;
}

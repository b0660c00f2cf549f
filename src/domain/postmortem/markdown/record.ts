import type { ScannedHeading } from "./scan.js";
import { normaliseHeading } from "./sections.js";

/**
 * The response record of a Markdown postmortem (issue 18, practice §3.1.2 and §3.3): its timeline,
 * communication log, response actions and post-evaluation, from the sections that name them
 * ("## Timeline", "## 커뮤니케이션", "## 대응 조치", "## 사후 평가"). A line scan (no Markdown
 * parser): a table row or a top-level list item is one entry, its time first. Pure and linear.
 */

export type RecordKind = "timeline" | "communication" | "actions" | "evaluation";

const KIND_HEADINGS: [RecordKind, RegExp][] = [
  ["evaluation", /\bpost ?evaluation\b|\bevaluation\b|사후 ?평가|대응 평가/],
  ["communication", /\bcommunications?\b|\bstakeholder|커뮤니케이션|소통|이해관계자|공지/],
  ["actions", /\bresponse actions?\b|\bactions taken\b|대응 ?조치|대응 ?내역|대응 ?기록|조치 ?내역/],
  ["timeline", /\btimeline\b|\bchronology\b|타임라인|시간순|장애 ?경과|^경과/],
];

/** The kind of record a heading names, or undefined. */
export function recordKindOf(heading: string): RecordKind | undefined {
  const t = normaliseHeading(heading);
  return KIND_HEADINGS.find(([, re]) => re.test(t))?.[0];
}

export interface RecordRow {
  /** ISO 8601, local (no offset) unless the row said one. */
  at: string;
  /** 1-based line of the row. */
  line: number;
}
export interface TimelineRow extends RecordRow {
  event: string;
}
export interface CommunicationRow extends RecordRow {
  channel: string;
  audience?: string;
  summary: string;
}
export interface ActionRow extends RecordRow {
  action: string;
  result?: string;
}

export interface MarkdownRecord {
  timeline: TimelineRow[];
  communication: CommunicationRow[];
  actions: ActionRow[];
  evaluation?: { text: string; line: number };
  /** Rows without a time the reader can use: `{ line, column, section }` (a warning each). */
  untimed: { line: number; column: number; section: string }[];
}

type Column = "time" | "date" | "text" | "channel" | "audience" | "result";

const COLUMN_NAMES: [Column, RegExp][] = [
  ["date", /^(?:date|day|날짜|일자)$/],
  ["time", /^(?:time|when|timestamp|at|시각|시간|일시|time \(.*\)|시각 \(.*\)|utc|kst)$/],
  ["channel", /^(?:channel|where|via|medium|채널|매체|수단|경로)$/],
  ["audience", /^(?:audience|to|recipients?|who|대상|수신|수신자|청중)$/],
  ["result", /^(?:result|outcome|effect|impact|결과|효과)$/],
  [
    "text",
    /^(?:event|what|what happened|description|summary|message|update|action|content|내용|이벤트|사건|상황|요약|메시지|조치|대응|작업)$/,
  ],
];

function columnOf(header: string): Column | undefined {
  const h = normaliseHeading(header.replace(/[*_`]/g, ""));
  return COLUMN_NAMES.find(([, re]) => re.test(h))?.[0];
}

const TIME =
  /^(?:(\d{4}-\d{2}-\d{2})(?:[T ]\s*|\s*,\s*))?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC|GMT|KST|[+-]\d{2}:?\d{2})?/i;
const DATE = /^(\d{4}-\d{2}-\d{2})/;

function zone(text: string | undefined): string {
  if (!text) return "";
  const z = text.toUpperCase();
  if (z === "Z" || z === "UTC" || z === "GMT") return "Z";
  if (z === "KST") return "+09:00";
  return z.length === 5 ? `${z.slice(0, 3)}:${z.slice(3)}` : z;
}

function clean(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/[*_`]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Table cells of a row (`| a | b |`), `\|` kept inside a cell. */
function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, "|").trim());
}

const SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?(.*)$/;

/** Rows of a section: table rows (with the header's column kinds) or top-level list items. */
function rowsOf(lines: readonly string[], start: number, end: number) {
  const rows: { line: number; column: number; columns: Partial<Record<Column, string>> }[] = [];
  let header: (Column | undefined)[] | null = null;
  for (let i = start; i < end; i++) {
    const raw = lines[i]!.slice(0, 4000);
    if (/^\s{0,3}\|/.test(raw)) {
      if (SEPARATOR.test(raw)) continue;
      const cs = cells(raw);
      if (!header) {
        header = cs.map(columnOf);
        continue;
      }
      const columns: Partial<Record<Column, string>> = {};
      cs.forEach((c, k) => {
        const kind = header![k] ?? (k === 0 && !header!.includes("time") ? "time" : undefined);
        const value = clean(c);
        if (kind && value && !columns[kind]) columns[kind] = value;
        else if (!kind && value && !columns.text) columns.text = value;
      });
      rows.push({ line: i + 1, column: raw.length - raw.trimStart().length + 1, columns });
      continue;
    }
    header = null;
    const item = LIST_ITEM.exec(raw);
    if (!item) continue;
    // A list item: its time first ("- **10:02** Alert fired", "- 10:02 — Alert fired").
    const text = clean(item[1]!);
    const time = TIME.exec(text);
    const rest = time ? text.slice(time[0].length).replace(/^\s*[-—–:|·,)]*\s*/, "") : text;
    rows.push({
      line: i + 1,
      column: raw.length - raw.trimStart().length + 1,
      columns: { ...(time ? { time: time[0] } : {}), text: rest },
    });
  }
  return rows;
}

/** Reads the record sections among the scanned headings. `date`: the incident's day (for "10:02"). */
export function readRecord(
  lines: readonly string[],
  headings: readonly ScannedHeading[],
  date: string | undefined,
  isFollowupSection: (heading: string) => boolean,
): MarkdownRecord {
  const record: MarkdownRecord = { timeline: [], communication: [], actions: [], untimed: [] };
  for (let h = 0; h < headings.length; h++) {
    const heading = headings[h]!;
    const kind = recordKindOf(heading.text);
    if (!kind || isFollowupSection(heading.text)) continue;
    let end = lines.length;
    for (let k = h + 1; k < headings.length; k++)
      if (headings[k]!.level <= heading.level) {
        end = headings[k]!.line;
        break;
      }
    if (kind === "evaluation") {
      if (record.evaluation) continue;
      const text = lines
        .slice(heading.line + 1, end)
        .join("\n")
        .replace(/<!--[\s\S]*?-->/g, "")
        .trim()
        .slice(0, 20_000);
      if (text) record.evaluation = { text, line: heading.line + 1 };
      continue;
    }
    let day = date;
    let lastMinutes = -1;
    for (const row of rowsOf(lines, heading.line + 1, end)) {
      const c = row.columns;
      const when = `${c.date ?? ""} ${c.time ?? ""}`.trim();
      const m = TIME.exec(when.replace(/^(\d{4}-\d{2}-\d{2})\s+/, "$1 "));
      const text = c.text ?? "";
      if (!m) {
        const onlyDate = DATE.exec(when);
        if (onlyDate) day = onlyDate[1];
        if (text) record.untimed.push({ line: row.line, column: row.column, section: heading.text });
        continue;
      }
      const minutes = Number(m[2]) * 60 + Number(m[3]);
      if (m[1]) day = m[1];
      else if (day && minutes < lastMinutes) day = nextDay(day); // past midnight
      lastMinutes = minutes;
      if (!day || Number(m[2]) > 23 || Number(m[3]) > 59) {
        record.untimed.push({ line: row.line, column: row.column, section: heading.text });
        continue;
      }
      const at = `${day}T${m[2]!.padStart(2, "0")}:${m[3]}:${m[4] ?? "00"}${zone(m[5])}`;
      if (kind === "timeline" && text) record.timeline.push({ at, line: row.line, event: text });
      else if (kind === "communication" && text)
        record.communication.push({
          at,
          line: row.line,
          channel: c.channel ?? "",
          ...(c.audience ? { audience: c.audience } : {}),
          summary: text,
        });
      else if (kind === "actions" && text) {
        // "- 10:20 Rolled back v2.3 → errors stopped": the result after the arrow.
        const arrow = c.result ? null : /\s(?:→|->|=>)\s/.exec(text);
        const action = arrow ? text.slice(0, arrow.index) : text;
        const result = c.result ?? (arrow ? text.slice(arrow.index + arrow[0].length) : undefined);
        record.actions.push({ at, line: row.line, action, ...(result ? { result } : {}) });
      }
    }
  }
  return record;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

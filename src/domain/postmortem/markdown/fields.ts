import { OWNER_PATTERN } from "../../config/schema.js";
import type { DueSource } from "./types.js";

/**
 * Fields written inside an item's text. Every expression here is linear: character classes that
 * exclude their own delimiter, no nested quantifiers, and callers cap the text they pass.
 */

export type LabelKind = "owner" | "due" | "priority" | "evidence" | "status" | "tracking" | "repo";

const LABELS: readonly [RegExp, LabelKind][] = [
  [/^(?:owner|owners|assignee|who|dri|담당자|담당)$/, "owner"],
  [/^(?:due|due date|deadline|eta|target|기한|마감|마감일|완료 목표일)$/, "due"],
  [/^(?:priority|우선순위)$/, "priority"],
  [/^(?:validation|evidence|verification|검증|검증 방법)$/, "evidence"],
  [/^(?:status|상태)$/, "status"],
  [/^(?:bug|issue|ticket|tracking|이슈|티켓)$/, "tracking"],
  [/^(?:repo|repository|저장소)$/, "repo"],
];

const LABEL_RE =
  /(owner|owners|assignee|who|dri|담당자|담당|due date|due|deadline|eta|target|기한|마감일|마감|완료 목표일|priority|우선순위|validation|evidence|verification|검증 방법|검증|status|상태|bug|issue|ticket|tracking|이슈|티켓|repository|repo|저장소)\s{0,3}[:：]\s{0,3}([^,;|()\n（）]*)/giu;

export interface Labelled {
  kind: LabelKind;
  value: string;
  /** The matched text, to remove from a title. */
  raw: string;
}

/** `Owner: x`, `기한: 2026-04-01`, ... anywhere in the text. */
export function labelledFields(text: string): Labelled[] {
  const out: Labelled[] = [];
  for (const m of text.matchAll(LABEL_RE)) {
    const before = m.index === 0 ? "" : text[m.index - 1]!;
    if (/[\p{L}\p{N}]/u.test(before)) continue;
    const label = m[1]!.toLowerCase();
    const kind = LABELS.find(([re]) => re.test(label))?.[1];
    const value = m[2]!.replace(/[*_]+/g, "").trim();
    if (kind && value) out.push({ kind, value, raw: m[0] });
  }
  return out;
}

const DONE_WORDS =
  /(?:✅|☑|✔|\(done\)|\[done\]|\bdone\b|\bcompleted?\b|\bfixed\b|\bresolved\b|\bclosed\b|완료|해결됨|조치 완료)/iu;
const DONE_MARKERS = /(?:✅|☑|✔️?|\(done\)|\[done\]|\bDONE\b|\([Cc]ompleted\)|\[완료\]|\(완료\)|완료$)/u;
const OPEN_WORDS =
  /(?:\bopen\b|\btodo\b|to do|in progress|\bplanned\b|\bnot started\b|진행|예정|미완료|대기)/iu;

/** A status cell or `Status:` value: done, open, or unknown. */
export function statusOf(value: string): "done" | "open" | undefined {
  if (/\[x\]/i.test(value)) return "done";
  if (OPEN_WORDS.test(value) && !/^\s*(?:✅|완료)/u.test(value)) return "open";
  if (DONE_WORDS.test(value)) return "done";
  return undefined;
}

/** A done marker written in an item's title line: ✅, (done), DONE, [완료]. */
export function hasDoneMarker(text: string): boolean {
  return DONE_MARKERS.test(text);
}

/** A token that only points somewhere: a URL, `#12`, `GH-12`, a Jira-style key, in brackets or not. */
function isReferenceToken(token: string): boolean {
  const bare = token.replace(/^[([<]+/, "").replace(/[)\]>.,;:]+$/, "");
  if (/^https?:\/\/\S+$/i.test(bare)) return true;
  if (/^(?:#|GH-)\d+$/i.test(bare)) return true;
  return /^[A-Z][A-Z0-9]{1,9}-\d+$/.test(bare) && !NOT_JIRA.test(bare);
}

/**
 * Drops what trails the action and only points somewhere: `Plug the leak https://…/pull/40`,
 * `Shard the index (#12)`, ` — @alice, #12`. The references are read before (`trackingRefs`, the
 * item's links); the title keeps the words. Token by token from the end: linear in the title.
 */
export function dropReferenceTail(title: string): string {
  const tokens = title.trimEnd().split(/\s+/);
  let keep = tokens.length;
  while (keep > 1 && isReferenceToken(tokens[keep - 1]!)) keep--;
  const cut = keep < tokens.length ? tokens.slice(0, keep).join(" ") : title;
  const at = Math.max(cut.lastIndexOf(" — "), cut.lastIndexOf(" – "), cut.lastIndexOf(" - "));
  if (at <= 0) return cut;
  title = cut;
  const tail = title
    .slice(at + 3)
    .replace(/@[A-Za-z0-9/_-]+/g, "")
    .replace(/\bGH-\d+\b|#\d+\b|\b[A-Z][A-Z0-9]{1,9}-\d+\b|\b(?:jira|bug|issue|pr|ticket)\b\s*:?/gi, "");
  return /[\p{L}\p{N}]/u.test(tail) ? title : title.slice(0, at);
}

/** Removes done markers and leftovers from a title. */
export function stripMarkers(text: string): string {
  return text
    .replace(/✅|☑|✔️?|\(done\)|\[done\]|\bDONE\b|\(completed\)|\[완료\]|\(완료\)/giu, "")
    .replace(/\(\s*[,;]?\s*\)/g, "")
    .replace(/\s+/g, " ")
    .replace(/[\s,;:–—-]+$/u, "")
    .trim();
}

const TRACKING_RE =
  /(https?:\/\/[^\s<>)\]]+\/(?:issues|pull)\/\d+|https?:\/\/[^\s<>)\]]+\/browse\/[A-Z][A-Z0-9]+-\d+|\bGH-\d+\b|(?<![\w/&])#\d+\b|\b[A-Z][A-Z0-9]{1,9}-\d+\b)/gu;
const NOT_JIRA = /^(?:SEV|P|GH|UTF|ISO|RFC|CVE|HTTP|TLS|SHA|AES|IPV)-/;

/** Tracking references: #123, GH-123, issue/PR URLs, Jira-style keys (ABC-123). */
export function trackingRefs(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TRACKING_RE)) {
    const ref = m[1]!;
    if (/^[A-Z]/.test(ref) && !ref.startsWith("GH-") && NOT_JIRA.test(ref)) continue;
    if (!out.includes(ref)) out.push(ref);
    if (out.length >= 20) break;
  }
  return out;
}

/** `acme/payments`, or a link to it (`https://github.com/acme/payments`): the repository as owner/name. */
export function repositoryOf(value: string): string | undefined {
  const m = /^(?:https?:\/\/[^/\s]{1,253}\/)?([A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/.exec(
    value.replace(/[`*_]/g, "").trim(),
  );
  return m?.[1];
}

/** P0..P3 from `P1`, `High`, `높음`, ... (P4 counts as P3). */
export function priorityOf(value: string): "P0" | "P1" | "P2" | "P3" | undefined {
  const p = /\bP([0-4])\b/i.exec(value);
  if (p) return `P${Math.min(3, Number(p[1]))}` as "P0" | "P1" | "P2" | "P3";
  const v = value.toLowerCase();
  if (/\b(?:critical|urgent|highest)\b|긴급|최우선|최상/u.test(v)) return "P0";
  if (/\bhigh\b|높음|상\b/u.test(v)) return "P1";
  if (/\b(?:medium|normal)\b|중간|보통|중\b/u.test(v)) return "P2";
  if (/\blow\b|낮음|하\b/u.test(v)) return "P3";
  return undefined;
}

export function isValidDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** A calendar date written as 2026-03-12, 2026/3/12, 2026.03.12 or 2026년 3월 12일. */
export function findDate(text: string): string | undefined {
  const m =
    /(\d{4})\s{0,2}[-/.]\s{0,2}(\d{1,2})\s{0,2}[-/.]\s{0,2}(\d{1,2})(?!\d)/.exec(text) ??
    /(\d{4})\s{0,2}년\s{0,2}(\d{1,2})\s{0,2}월\s{0,2}(\d{1,2})\s{0,2}일/.exec(text);
  if (!m) return undefined;
  const date = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  return isValidDate(date) ? date : undefined;
}

/** A due date: ISO date, `2 weeks`/`2주` after the incident, or a quarter's last day. */
export function dueOf(
  value: string,
  incident: string | undefined,
): { due: string; source: DueSource } | undefined {
  const date = findDate(value);
  if (date) return { due: date, source: "date" };
  const q =
    /(?:(\d{4})\s{0,2}년?\s{0,2})?(?:Q([1-4])|([1-4])\s{0,2}분기)(?:\s{0,2}(\d{4}))?/iu.exec(value) ??
    undefined;
  if (q) {
    const year = Number(q[1] ?? q[4] ?? incident?.slice(0, 4) ?? Number.NaN);
    const quarter = Number(q[2] ?? q[3]);
    if (Number.isFinite(year))
      return { due: iso(new Date(Date.UTC(year, quarter * 3, 0))), source: "quarter" };
  }
  if (!incident) return undefined;
  const r = /(\d{1,3})\s{0,2}(days?|weeks?|months?|일|주|개월|달)(?![\p{L}])/iu.exec(value);
  if (!r) return undefined;
  const n = Number(r[1]);
  const unit = r[2]!.toLowerCase();
  const d = new Date(`${incident}T00:00:00Z`);
  if (unit.startsWith("day") || unit === "일") d.setUTCDate(d.getUTCDate() + n);
  else if (unit.startsWith("week") || unit === "주") d.setUTCDate(d.getUTCDate() + 7 * n);
  else d.setUTCMonth(d.getUTCMonth() + n);
  return { due: iso(d), source: "relative" };
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;
const MENTION_RE = /(?:^|[^\w@/.])@([A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\/[A-Za-z0-9._-]{1,100})?)/u;

/** The first @login or @org/team in a text. */
export function mentionOf(text: string): string | undefined {
  return MENTION_RE.exec(text)?.[1];
}

export interface OwnerResolution {
  owner?: string;
  mapped?: boolean;
  /** True when the text is neither a login nor mapped (a warning). */
  unknown?: boolean;
}

/**
 * An owner as written -> a login or org/team: the owners map first (case-insensitive), then
 * `@login`, `org/team`, a bare lower-case login. Team names (`SRE`), people's names with spaces and
 * Hangul names stay text.
 */
export function resolveOwner(
  text: string,
  owners: Readonly<Record<string, string>> | undefined,
): OwnerResolution {
  const t = text.trim();
  const key = t.replace(/^@/, "").toLowerCase();
  if (owners) {
    for (const [name, login] of Object.entries(owners)) {
      if (name.toLowerCase() === key || name.toLowerCase() === t.toLowerCase())
        return { owner: login.replace(/^@/, ""), mapped: true };
    }
  }
  const mention = /^@/.test(t) ? t.slice(1) : undefined;
  if (mention && OWNER_PATTERN.test(mention)) return { owner: mention };
  if (OWNER_PATTERN.test(t) && (t.includes("/") || (LOGIN.test(t) && t !== t.toUpperCase())))
    return { owner: t };
  return { unknown: true };
}

import { REPOSITORY_PATTERN } from "../config/schema.js";

/**
 * Hidden, versioned markers: how the app keeps its state in GitHub (no database). A marker is one
 * HTML comment, `<!-- postmortem-followups:KIND v1 {json} -->`, in an issue or comment the app
 * authored. The JSON never contains `<`, `>` or `&` (escaped as \u003c...), so no value can end the
 * comment early, and user text rendered next to it is sanitised so it can never contain `<!--`.
 */
export const MARKER_PREFIX = "postmortem-followups:";
export const MARKER_VERSION = 1;

export type MarkerKind =
  | "followup"
  | "summary"
  | "progress"
  | "check"
  | "evidence-reply"
  | "nudges"
  | "not-doing"
  | "recurrence"
  | "recheck"
  | "tracker"
  /** The post-evaluation comment on a postmortem's pull request (issue 18): `{ path }`, posted once. */
  | "evaluation";

/** A login or org/team as a marker may name it (never text that could carry markup). */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?$/;

export interface FollowupMarker {
  path: string;
  id: string;
  pr: number | null;
  /** The due date the app resolved (kept so a default due date never moves on later merges). */
  due: string | null;
  /** Set when the postmortem itself set `due` (so removing it later brings the default back). */
  dueSet?: true;
  /** Last applied title and owner (three-way merge: a person's rename or reassignment survives
   *  until the file itself changes that field). */
  title: string;
  owner: string | null;
  /** Set when the app closed the issue because the item left the file. */
  removed?: boolean;
  /** The item's 0-based place among the file's follow-ups when the app last wrote the issue
   *  (identity: joining an edited item by position). Not rewritten when only the place changed. */
  pos?: number;
  /** The item's tracking references (`#12`, `JIRA-7`, URLs) when the app last wrote the issue. */
  links?: string[];
  /** The postmortem's authors (logins), whom an escalation mentions when the config names nobody. */
  authors?: string[];
  /**
   * `owner/name` of the postmortem's repository, on an issue routed to another repository (issue
   * 17): the follow-up's key stays (home, path, id), and that repository's own runs leave it alone.
   */
  home?: string;
}

export interface SummaryMarker {
  pr: number;
}

/** The one comment on an earlier postmortem's pull request that a later postmortem (repository, path) names. */
export interface RecurrenceMarker {
  /** `owner/name` of the later postmortem. */
  repository: string;
  path: string;
  /** Its pull request, when there is one. */
  pr: number | null;
}

export interface ProgressMarker {
  /** ISO week, e.g. 2026-W12. */
  week: string;
  /** Set on the final "complete" comment. */
  final?: boolean;
  /** Per-follow-up statuses at the time of this report, for "what changed since last week". */
  statuses?: Record<string, string>;
}

const MARKER_RE = /<!-- postmortem-followups:([a-z-]+) v(\d+) (\{.*?\}) -->/;

function encodeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

export function renderMarker(kind: MarkerKind, data: object): string {
  return `<!-- ${MARKER_PREFIX}${kind} v${MARKER_VERSION} ${encodeJson(data)} -->`;
}

/** Read the first marker of a kind from a body; null when absent, of another version or malformed. */
export function readMarker<T>(kind: MarkerKind, body: string | null | undefined): T | null {
  if (!body) return null;
  const re = new RegExp(MARKER_RE.source, "g");
  for (const match of body.matchAll(re)) {
    if (match[1] !== kind) continue;
    if (Number(match[2]) !== MARKER_VERSION) return null;
    try {
      const data = JSON.parse(match[3]!) as unknown;
      return data !== null && typeof data === "object" && !Array.isArray(data) ? (data as T) : null;
    } catch {
      return null;
    }
  }
  return null;
}

export function readFollowupMarker(body: string | null | undefined): FollowupMarker | null {
  const data = readMarker<Partial<FollowupMarker>>("followup", body);
  if (!data || typeof data.path !== "string" || typeof data.id !== "string") return null;
  return {
    path: data.path,
    id: data.id,
    pr: typeof data.pr === "number" ? data.pr : null,
    due: typeof data.due === "string" ? data.due : null,
    title: typeof data.title === "string" ? data.title : "",
    owner: typeof data.owner === "string" ? data.owner : null,
    ...(data.dueSet === true ? { dueSet: true as const } : {}),
    ...(data.removed === true ? { removed: true } : {}),
    ...(typeof data.pos === "number" && Number.isInteger(data.pos) && data.pos >= 0 ? { pos: data.pos } : {}),
    ...(Array.isArray(data.links) && data.links.every((l) => typeof l === "string")
      ? { links: data.links.slice(0, 20).map((l) => l.slice(0, 300)) }
      : {}),
    ...(Array.isArray(data.authors) && data.authors.every((a) => typeof a === "string" && LOGIN.test(a))
      ? { authors: data.authors.slice(0, 10) }
      : {}),
    ...(typeof data.home === "string" && REPOSITORY_PATTERN.test(data.home) ? { home: data.home } : {}),
  };
}

export const MANAGED_BEGIN = "<!-- postmortem-followups:begin -->";
export const MANAGED_END = "<!-- postmortem-followups:end -->";
export const EVIDENCE_BEGIN = "<!-- postmortem-followups:evidence-begin -->";
export const EVIDENCE_END = "<!-- postmortem-followups:evidence-end -->";

/** A section between two delimiters, or null. */
export function readSection(body: string, begin: string, end: string): string | null {
  const start = body.indexOf(begin);
  if (start < 0) return null;
  const stop = body.indexOf(end, start + begin.length);
  if (stop < 0) return null;
  return body
    .slice(start + begin.length, stop)
    .replace(/^\n/, "")
    .replace(/\n$/, "");
}

/** Replace a section's content, or append the section when the body has none. */
export function replaceSection(body: string, begin: string, end: string, content: string): string {
  const section = `${begin}\n${content}\n${end}`;
  const start = body.indexOf(begin);
  const stop = start < 0 ? -1 : body.indexOf(end, start + begin.length);
  if (start < 0 || stop < 0) return body ? `${body.replace(/\s+$/, "")}\n\n${section}` : section;
  return body.slice(0, start) + section + body.slice(stop + end.length);
}

/** Replace (or prepend) the follow-up marker line. */
export function replaceFollowupMarker(body: string, marker: FollowupMarker): string {
  const line = renderMarker("followup", marker);
  const re = new RegExp(MARKER_RE.source);
  const match = re.exec(body);
  if (match && match[1] === "followup")
    return body.slice(0, match.index) + line + body.slice(match.index + match[0].length);
  return `${line}\n${body}`;
}

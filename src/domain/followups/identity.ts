import { distance } from "fastest-levenshtein";
import type { Language } from "../config/schema.js";
import { detail, renderDetail } from "../diagnostics/messages.js";
import type { Problem } from "../diagnostics/problem.js";
import type { FollowupMarker } from "../markers/marker.js";
import type { ParsedFollowup } from "../postmortem/parse.js";
import { followupKey, type ItemIdentityHints } from "./model.js";

/**
 * Identity that survives editing. A follow-up's key is `path#id`; in a Markdown postmortem the id is
 * usually derived from the item's text, so a typo fix or a reworded title changes it. Before the
 * planner runs, an existing follow-up issue whose key no longer matches any item (an "orphan") is
 * joined to a new item whose key matches no issue (a "newcomer") of the same file:
 *
 *   1. by a shared tracking link (the item's `#12`, `GH-12`, `JIRA-7`, issue URL, recorded in the
 *      issue's marker when the app last wrote it),
 *   2. by title similarity (at least STRONG),
 *   3. by position (the item's place in the file within one row of the place the marker records)
 *      with a weaker similarity (at least WEAK).
 *
 * A join needs one clear winner on both sides; when two candidates are about as good, nothing is
 * joined: the newcomer gets a new issue and the run warns. Only the app's own issues take part
 * (the caller passes trusted issues; their markers are the app's state), and only newcomers whose
 * id was derived: an id the author pinned (front matter, `{#id}`, an ID column) means what it says.
 *
 * Pure, and bounded: per file at most MAX_COMPARISONS title comparisons of at most TITLE_CHARS
 * characters each (the file is the author's, perhaps an attacker's); past that only tracking links
 * join, with a warning.
 */

export const STRONG = 0.75;
export const WEAK = 0.45;
/** Two candidates whose scores differ by less than this are ambiguous. */
export const MARGIN = 0.08;
export const MAX_COMPARISONS = 10_000;
export const TITLE_CHARS = 128;

/** One item of a postmortem as the join sees it. */
export interface IdentityItem {
  path: string;
  id: string;
  title: string;
  /** 0-based place among the file's follow-ups, in file order. */
  position: number;
  /** Tracking references, normalised (`trackingRef`). */
  tracking: readonly string[];
  /** The author pinned the id: never joined by a guess. */
  pinned: boolean;
  /** Line in the file (for the warning). */
  line: number;
}

/** One existing follow-up issue (trusted: authored by the app). */
export interface IdentityIssue {
  number: number;
  state: "open" | "closed";
  title: string;
  marker: FollowupMarker;
}

export type JoinReason = "tracking" | "title" | "position";

export interface IdentityJoin {
  /** The item's new key, and the key the issue's marker had. */
  key: string;
  from: string;
  number: number;
  by: JoinReason;
  /** Title similarity, 0..1 (1 for a tracking join with the same title). */
  score: number;
}

export interface IdentityWarning {
  key: string;
  path: string;
  line: number;
  reason: "ambiguous" | "too-many";
  /** The issues it could have been. */
  candidates: number[];
}

export interface IdentityResult {
  joins: IdentityJoin[];
  warnings: IdentityWarning[];
  /** Title comparisons made (bounded by MAX_COMPARISONS per file). */
  comparisons: number;
}

/** A tracking reference in one spelling: `#12`, `gh-12` and `.../issues/12` of this repository are `#12`. */
export function trackingRef(ref: string): string {
  const trimmed = ref.trim();
  const gh = /^(?:#|gh-)(\d+)$/i.exec(trimmed);
  if (gh) return `#${Number(gh[1])}`;
  const url = /^https?:\/\/[^\s]+\/(?:issues|pull)\/(\d+)\/?(?:[#?].*)?$/i.exec(trimmed);
  if (url)
    return trimmed
      .replace(/[#?].*$/, "")
      .replace(/\/$/, "")
      .toLowerCase();
  return trimmed.toUpperCase();
}

/** Lower case, compatibility forms folded, punctuation and Markdown marks dropped, one space. */
export function normaliseTitle(title: string): string {
  return title
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[`*_~[\]()<>"'“”‘’.,:;!?|\\/{}#-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, TITLE_CHARS);
}

/**
 * How alike two normalised titles are, 0..1: the better of the edit-distance ratio (typos, small
 * rewordings) and the share of words in common (reordered or inserted words).
 */
export function titleSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  const edit = 1 - distance(a, b) / longest;
  const wa = new Set(a.split(" ").filter(Boolean));
  const wb = new Set(b.split(" ").filter(Boolean));
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  const words = wa.size + wb.size === 0 ? 0 : (2 * common) / (wa.size + wb.size);
  return Math.max(edit, words);
}

interface Orphan {
  issue: IdentityIssue;
  key: string;
  title: string;
  links: Set<string>;
}

interface Newcomer {
  item: IdentityItem;
  key: string;
  title: string;
}

/** Join edited items to the issues they already have. */
export function joinEditedItems(
  items: readonly IdentityItem[],
  issues: readonly IdentityIssue[],
): IdentityResult {
  const result: IdentityResult = { joins: [], warnings: [], comparisons: 0 };
  const itemKeys = new Set(items.map((i) => followupKey(i.path, i.id)));
  const issueKeys = new Set(issues.map((i) => followupKey(i.marker.path, i.marker.id)));

  // Orphans: the oldest issue of each key no item has any more (a removed one stays removed unless
  // its exact key comes back).
  const orphansByPath = new Map<string, Map<string, Orphan>>();
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    const key = followupKey(issue.marker.path, issue.marker.id);
    if (itemKeys.has(key) || issue.marker.removed) continue;
    const byKey = orphansByPath.get(issue.marker.path) ?? new Map<string, Orphan>();
    if (byKey.has(key)) continue;
    byKey.set(key, {
      issue,
      key,
      title: normaliseTitle(issue.marker.title || issue.title),
      links: new Set((issue.marker.links ?? []).map(trackingRef)),
    });
    orphansByPath.set(issue.marker.path, byKey);
  }
  if (orphansByPath.size === 0) return result;

  const newcomersByPath = new Map<string, Newcomer[]>();
  for (const item of items) {
    const key = followupKey(item.path, item.id);
    if (item.pinned || issueKeys.has(key) || !orphansByPath.has(item.path)) continue;
    const list = newcomersByPath.get(item.path) ?? [];
    list.push({ item, key, title: normaliseTitle(item.title) });
    newcomersByPath.set(item.path, list);
  }

  for (const [path, newcomers] of newcomersByPath) {
    joinFile(newcomers, [...orphansByPath.get(path)!.values()], result);
  }
  return result;
}

function joinFile(newcomers: Newcomer[], orphans: Orphan[], result: IdentityResult): void {
  const joinedItems = new Set<Newcomer>();
  const joinedIssues = new Set<Orphan>();
  const settled = new Set<Newcomer>(); // joined or warned: no later stage looks at it
  const join = (n: Newcomer, o: Orphan, by: JoinReason, score: number) => {
    joinedItems.add(n);
    joinedIssues.add(o);
    settled.add(n);
    result.joins.push({ key: n.key, from: o.key, number: o.issue.number, by, score: round(score) });
  };
  const warn = (n: Newcomer, reason: IdentityWarning["reason"], candidates: Orphan[]) => {
    settled.add(n);
    result.warnings.push({
      key: n.key,
      path: n.item.path,
      line: n.item.line,
      reason,
      candidates: candidates.map((o) => o.issue.number).sort((a, b) => a - b),
    });
  };

  // 1. A shared tracking link (set lookups: linear in the links).
  const orphansByLink = new Map<string, Orphan[]>();
  for (const o of orphans)
    for (const link of o.links) orphansByLink.set(link, [...(orphansByLink.get(link) ?? []), o]);
  const newcomersByOrphan = new Map<Orphan, Newcomer[]>();
  const candidatesOf = new Map<Newcomer, Orphan[]>();
  for (const n of newcomers) {
    const found = new Set<Orphan>();
    for (const link of new Set(n.item.tracking.map(trackingRef)))
      for (const o of orphansByLink.get(link) ?? []) found.add(o);
    if (found.size === 0) continue;
    candidatesOf.set(n, [...found]);
    for (const o of found) newcomersByOrphan.set(o, [...(newcomersByOrphan.get(o) ?? []), n]);
  }
  for (const [n, candidates] of candidatesOf) {
    const only = candidates[0]!;
    if (candidates.length === 1 && newcomersByOrphan.get(only)!.length === 1)
      join(n, only, "tracking", titleSimilarity(n.title, only.title));
    else warn(n, "ambiguous", candidates);
  }

  // 2 and 3. Similarity, bounded.
  const openItems = newcomers.filter((n) => !settled.has(n));
  const openIssues = orphans.filter((o) => !joinedIssues.has(o));
  if (openItems.length === 0 || openIssues.length === 0) return;
  if (openItems.length * openIssues.length > MAX_COMPARISONS) {
    for (const n of openItems) warn(n, "too-many", []);
    return;
  }
  const scores: { n: Newcomer; o: Orphan; score: number }[] = [];
  for (const n of openItems)
    for (const o of openIssues) {
      result.comparisons++;
      scores.push({ n, o, score: titleSimilarity(n.title, o.title) });
    }

  const stage = (by: JoinReason, threshold: number, near: (n: Newcomer, o: Orphan) => boolean) => {
    const pairs = scores
      .filter((p) => p.score >= threshold && near(p.n, p.o))
      .sort((a, b) => b.score - a.score || a.n.item.position - b.n.item.position);
    const byItem = new Map<Newcomer, typeof pairs>();
    const byIssue = new Map<Orphan, typeof pairs>();
    for (const p of pairs) {
      byItem.set(p.n, [...(byItem.get(p.n) ?? []), p]);
      byIssue.set(p.o, [...(byIssue.get(p.o) ?? []), p]);
    }
    for (const p of pairs) {
      if (settled.has(p.n) || joinedIssues.has(p.o)) continue;
      // A rival: another free candidate nearly as good, on either side.
      const otherIssues = byItem
        .get(p.n)!
        .filter((q) => q.o !== p.o && !joinedIssues.has(q.o) && q.score >= p.score - MARGIN);
      const otherItems = byIssue
        .get(p.o)!
        .filter((q) => q.n !== p.n && !settled.has(q.n) && q.score >= p.score - MARGIN);
      if (otherIssues.length === 0 && otherItems.length === 0) {
        join(p.n, p.o, by, p.score);
        continue;
      }
      warn(p.n, "ambiguous", [p.o, ...otherIssues.map((q) => q.o)]);
      for (const q of otherItems) warn(q.n, "ambiguous", [p.o]);
    }
  };
  stage("title", STRONG, () => true);
  stage(
    "position",
    WEAK,
    (n, o) => o.issue.marker.pos !== undefined && Math.abs(o.issue.marker.pos - n.item.position) <= 1,
  );
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The issues with their markers moved to the keys they were joined to (what the planner then sees). */
export function applyJoins<T extends IdentityIssue>(
  issues: readonly T[],
  joins: readonly IdentityJoin[],
): T[] {
  const byNumber = new Map(joins.map((j) => [j.number, j]));
  return issues.map((issue) => {
    const join = byNumber.get(issue.number);
    if (!join) return issue;
    const id = join.key.slice(join.key.lastIndexOf("#") + 1);
    return { ...issue, marker: { ...issue.marker, id } };
  });
}

/** The items of one parsed postmortem as the join sees them (front-matter items are pinned). */
export function identityItems(path: string, followups: readonly ParsedFollowup[]): IdentityItem[] {
  return followups.map((item, place) => {
    const hints = item as ParsedFollowup & ItemIdentityHints;
    return {
      path,
      id: item.id,
      title: item.title,
      position: hints.position ?? place,
      tracking: hints.tracking ?? [],
      pinned: hints.idDerived !== true,
      line: item.line,
    };
  });
}

/** A join's warning as a problem of the file (a warning: the run goes on and creates the issue). */
export function identityProblem(warning: IdentityWarning, language: Language, file = warning.path): Problem {
  const problem =
    warning.reason === "ambiguous"
      ? detail("identity-ambiguous", { candidates: warning.candidates })
      : detail("identity-too-many");
  return {
    file,
    line: warning.line,
    column: 1,
    severity: "warning",
    path: "",
    code: problem.code,
    message: renderDetail(language, problem),
  };
}

/** The check's note for a join: "edited item still tracks #12" at the item's line. */
export function joinedProblem(
  join: IdentityJoin,
  item: IdentityItem,
  language: Language,
  file = item.path,
): Problem {
  const problem = detail("identity-joined", { number: join.number, kind: join.by });
  return {
    file,
    line: item.line,
    column: 1,
    severity: "notice",
    path: "",
    code: problem.code,
    message: renderDetail(language, problem),
  };
}

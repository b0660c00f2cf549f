import type { Language } from "../config/schema.js";
import {
  EVIDENCE_BEGIN,
  EVIDENCE_END,
  MANAGED_BEGIN,
  MANAGED_END,
  readSection,
  replaceSection,
} from "../markers/marker.js";
import { inline } from "../render/sanitize.js";
import { render } from "../render/templates.js";

/**
 * Proof on close (pure). A follow-up closed as completed needs evidence: a merged pull request
 * linked to it, a `/validated` comment by someone with write access, or its validation checklist
 * fully ticked. The evidence is recorded in the issue's evidence section, which stays apart from
 * the app-managed validation plan (the managed section) and from whatever people write.
 */

/** Task-list items of the managed section (the validation plan). */
export function checklistState(body: string): { total: number; ticked: number; complete: boolean } {
  const managed = readSection(body, MANAGED_BEGIN, MANAGED_END) ?? "";
  let total = 0;
  let ticked = 0;
  for (const line of managed.split("\n")) {
    const m = /^\s*[-*] \[([ xX])\] /.exec(line);
    if (!m) continue;
    total++;
    if (m[1] !== " ") ticked++;
  }
  return { total, ticked, complete: total > 0 && ticked === total };
}

/** The validation plan's items, without their checkboxes (for "what is needed"). */
export function checklistItems(body: string): { text: string; ticked: boolean }[] {
  const managed = readSection(body, MANAGED_BEGIN, MANAGED_END) ?? "";
  const out: { text: string; ticked: boolean }[] = [];
  for (const line of managed.split("\n")) {
    const m = /^\s*[-*] \[([ xX])\] (.*)$/.exec(line);
    if (m) out.push({ text: m[2]!, ticked: m[1] !== " " });
  }
  return out;
}

/** Entries already recorded in the evidence section (one `- ` line each). */
export function recordedEvidence(body: string): string[] {
  const section = readSection(body, EVIDENCE_BEGIN, EVIDENCE_END);
  if (!section) return [];
  return section
    .split("\n")
    .map((line) => /^- (.+)$/.exec(line)?.[1]?.trim())
    .filter((e): e is string => Boolean(e));
}

/** The body with an entry added to the evidence section (re-rendered; nothing else changes). */
export function withEvidence(body: string, language: Language, entry: string): string {
  // Entries were sanitised when recorded; sanitising again is idempotent and guards hand edits.
  const entries = [...recordedEvidence(body).map(inline), entry];
  const section = render(language, "followup-evidence", { evidence: entries }).trimEnd();
  return replaceSection(body, EVIDENCE_BEGIN, EVIDENCE_END, section);
}

/** Has an entry that mentions this URL (a comment, a pull request) already been recorded? */
export function alreadyRecorded(body: string, url: string): boolean {
  const exact = new RegExp(`${url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![0-9A-Za-z])`);
  return recordedEvidence(body).some((e) => exact.test(e));
}

export interface ValidatedCommand {
  /** The evidence named after `/validated`, or null when none was given. */
  argument: string | null;
}

/**
 * `/validated <evidence>` at the start of a comment (its first non-empty line). A quoted or
 * indented `/validated` elsewhere in a comment is not a command.
 */
export function parseValidatedCommand(body: string | null | undefined): ValidatedCommand | null {
  if (!body) return null;
  const first = body.split(/\r?\n/).find((l) => l.trim() !== "");
  if (!first) return null;
  const m = /^\/validated(?:\s+(.*))?$/i.exec(first.trim());
  if (!m) return null;
  const argument = (m[1] ?? "").trim().replace(/^<(.+)>$/, "$1");
  return { argument: argument === "" ? null : argument };
}

/** A pull request linked to an issue, as the close check needs it. */
export interface LinkedPullRef {
  number: number;
  url: string;
  title: string;
  merged: boolean;
  mergedAt: string | null;
  /** owner/name of the pull request's repository. */
  repository: string;
}

export type IssueLink =
  /** A pull request whose closing keyword links it to the issue (GitHub's "linked pull requests"). */
  | { type: "closing-reference"; pull: LinkedPullRef }
  /** The event that closed the issue: by a pull request or a commit. */
  | { type: "closed-by-pull"; at: string; pull: LinkedPullRef }
  | { type: "closed-by-commit"; at: string; oid: string; url: string }
  /** A pull request that mentions the issue; `actor` wrote the mention. */
  | { type: "cross-reference"; at: string; actor: string | null; pull: LinkedPullRef };

export interface LinkContext {
  /** owner/name of the follow-up's repository. */
  repository: string;
  /** The app's bot login: mentions it wrote (summaries, reports) are not evidence. */
  botLogin: string;
  /** The pull request that merged the postmortem (named in the follow-up marker): not evidence. */
  postmortemPull: number | null;
}

export type LinkedEvidence =
  | { type: "pull"; pull: LinkedPullRef; via: "closing-reference" | "closed-by-pull" | "cross-reference" }
  | { type: "commit"; oid: string; url: string };

/**
 * The linked evidence that counts, in order of strength: the pull request or commit that closed the
 * issue, a merged pull request with a closing reference to it, then a merged pull request of this
 * repository that mentions it, except mentions the app wrote itself and the postmortem's own pull
 * request (the app lists every follow-up there, which would otherwise prove them all).
 */
export function pickLinkedEvidence(links: readonly IssueLink[], ctx: LinkContext): LinkedEvidence | null {
  const sameRepo = (pull: LinkedPullRef) => pull.repository.toLowerCase() === ctx.repository.toLowerCase();
  const notPostmortemPull = (pull: LinkedPullRef) => !(sameRepo(pull) && pull.number === ctx.postmortemPull);
  const closedBy = [...links]
    .reverse()
    .find((l) => l.type === "closed-by-pull" || l.type === "closed-by-commit");
  if (closedBy?.type === "closed-by-pull" && closedBy.pull.merged && notPostmortemPull(closedBy.pull))
    return { type: "pull", pull: closedBy.pull, via: "closed-by-pull" };
  if (closedBy?.type === "closed-by-commit") return { type: "commit", oid: closedBy.oid, url: closedBy.url };
  for (const l of links)
    if (l.type === "closing-reference" && l.pull.merged && notPostmortemPull(l.pull))
      return { type: "pull", pull: l.pull, via: "closing-reference" };
  for (const l of links)
    if (
      l.type === "cross-reference" &&
      l.pull.merged &&
      sameRepo(l.pull) &&
      notPostmortemPull(l.pull) &&
      l.actor?.toLowerCase() !== ctx.botLogin.toLowerCase()
    )
      return { type: "pull", pull: l.pull, via: "cross-reference" };
  return null;
}

/** How the close was meant: completed needs proof, not planned / duplicate is "not doing". */
export function closeKind(stateReason: string | null | undefined): "completed" | "not-doing" {
  return stateReason === "not_planned" || stateReason === "duplicate" ? "not-doing" : "completed";
}

/** YYYY-MM-DD of an ISO timestamp (UTC). */
export function day(timestamp: string): string {
  return timestamp.slice(0, 10);
}

import { inline } from "../../text/sanitize.js";
import { render } from "../../text/templates.js";
import type { Language } from "../config/schema.js";
import {
  EVIDENCE_BEGIN,
  EVIDENCE_END,
  MANAGED_BEGIN,
  MANAGED_END,
  MARKER_PREFIX,
  readSection,
  replaceSection,
} from "../markers/marker.js";

/**
 * Proof on close (pure). A follow-up closed as completed needs evidence: a merged pull request
 * linked to it, a `/validated` comment by someone with write access, or its validation checklist
 * fully ticked. The evidence is recorded in the issue's evidence section, which stays apart from
 * the app-managed validation plan (the managed section) and from whatever people write.
 */

/**
 * The headings the issue templates put above the validation plan (templates/{en,ko}/followup-issue.hbs;
 * unchanged since the first release, so every follow-up issue the app ever wrote has one).
 */
export const PLAN_HEADINGS = ["### Validation plan", "### 테스트 및 검증 계획"] as const;

/**
 * The lines of the validation plan: the managed section from its validation-plan heading to the
 * next heading. Only the plan's own task items are the plan; a `- [x]` in the description (which
 * comes from the postmortem file) is not. Null when the plan cannot be told apart: no heading, or
 * more than one (a description can repeat the heading text, never remove the template's own), so
 * a forged plan never counts, it only stops the checklist from counting.
 */
export function validationPlanLines(body: string): string[] | null {
  const managed = readSection(body, MANAGED_BEGIN, MANAGED_END);
  if (managed === null) return null;
  const lines = managed.split("\n");
  const headings = lines.flatMap((line, i) =>
    (PLAN_HEADINGS as readonly string[]).includes(line.trimEnd()) ? [i] : [],
  );
  if (headings.length !== 1) return null;
  const plan: string[] = [];
  // The plan's items are one line each (sanitised with `inline`), so no user text can end it early.
  for (const line of lines.slice(headings[0]! + 1)) {
    if (/^#{1,6}\s/.test(line)) break;
    plan.push(line);
  }
  return plan;
}

/** Task-list items of the validation plan. */
export function checklistState(body: string): { total: number; ticked: number; complete: boolean } {
  let total = 0;
  let ticked = 0;
  for (const item of checklistItems(body)) {
    total++;
    if (item.ticked) ticked++;
  }
  return { total, ticked, complete: total > 0 && ticked === total };
}

/** The validation plan's items, without their checkboxes (for "what is needed"). */
export function checklistItems(body: string): { text: string; ticked: boolean }[] {
  const out: { text: string; ticked: boolean }[] = [];
  for (const line of validationPlanLines(body) ?? []) {
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
  return evidenceSection(body, language, entries, notDoingBlock(body));
}

/**
 * The evidence section re-rendered from its entries, with the "not doing" record (its marker line
 * and its text, ./not-doing.ts) kept after them: it is not evidence that the fix works, so it is
 * never a `- ` entry that `recordedEvidence` would count.
 */
export function evidenceSection(
  body: string,
  language: Language,
  entries: readonly string[],
  notDoing: string | null,
): string {
  const list = render(language, "followup-evidence", { evidence: entries }).trimEnd();
  const section = notDoing ? `${list}\n\n${notDoing}` : list;
  return replaceSection(body, EVIDENCE_BEGIN, EVIDENCE_END, section);
}

/** The "not doing" record of the evidence section: from its marker line to the section's end. */
export function notDoingBlock(body: string): string | null {
  const section = readSection(body, EVIDENCE_BEGIN, EVIDENCE_END);
  const start = section?.indexOf(`<!-- ${MARKER_PREFIX}not-doing `) ?? -1;
  return section && start >= 0 ? section.slice(start).trim() : null;
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
  /** REST-style logins (`name[bot]` for apps); null for a deleted account. */
  author: string | null;
  mergedBy: string | null;
}

export type IssueLink =
  /** A pull request that closes the issue when merged (GitHub's "linked pull requests"): a closing
   *  keyword in its own body or commits, or a link made in the Development sidebar. */
  | { type: "closing-reference"; pull: LinkedPullRef }
  /** The event that closed the issue: by a pull request or a commit. */
  | { type: "closed-by-pull"; at: string; pull: LinkedPullRef }
  | { type: "closed-by-commit"; at: string; oid: string; url: string; repository: string }
  /** A pull request that mentions the issue; `actor` wrote the mention (maybe in a comment);
   *  `willClose`: the reference is a closing one (from the pull request's own body or commits). */
  | { type: "cross-reference"; at: string; actor: string | null; willClose: boolean; pull: LinkedPullRef }
  /** Someone linked a pull request to the issue (Development sidebar). */
  | { type: "connected"; at: string; actor: string | null; pull: LinkedPullRef };

export interface LinkContext {
  /** owner/name of the follow-up's repository. */
  repository: string;
  /** The pull request that merged the postmortem (named in the follow-up marker): not evidence. */
  postmortemPull: number | null;
  /** owner/name of other repositories whose pull requests and commits may prove a follow-up
   *  (`validation.proof_repositories`). */
  proofRepositories?: readonly string[];
}

export type PullVia = "closed-by-pull" | "closing-reference" | "connected";

export type LinkedEvidence =
  | { type: "pull"; pull: LinkedPullRef; via: PullVia }
  | { type: "commit"; oid: string; url: string };

/**
 * The linked evidence that may count, strongest first. Each pull request is in the follow-up's
 * repository (or one `validation.proof_repositories` names), merged, not the postmortem's own pull
 * request (the app lists every follow-up there), and links the follow-up itself:
 *
 * - `closed-by-pull`: its merge closed the issue (the latest close event's `closer`);
 * - `closing-reference` / `connected`: it is one of the issue's closing references (a closing
 *   keyword in its own body or commits / a Development link) and the timeline shows that link
 *   made no later than its merge (a link added to an old merged pull request proves nothing).
 *
 * A mention (a cross-reference without `willCloseTarget`, such as "see #N" in anybody's comment)
 * never counts. Whether the author or the merger may vouch for it (write access) is for the caller
 * to ask: it needs GitHub. A commit that closed the issue counts when it is in an accepted
 * repository (pushing to its default branch already takes write access).
 */
export function linkedCandidates(links: readonly IssueLink[], ctx: LinkContext): LinkedEvidence[] {
  const accepted = new Set([ctx.repository, ...(ctx.proofRepositories ?? [])].map((r) => r.toLowerCase()));
  const inAccepted = (repository: string) => accepted.has(repository.toLowerCase());
  const same = (a: LinkedPullRef, b: LinkedPullRef) =>
    a.number === b.number && a.repository.toLowerCase() === b.repository.toLowerCase();
  const eligible = (pull: LinkedPullRef) =>
    pull.merged &&
    inAccepted(pull.repository) &&
    !(pull.repository.toLowerCase() === ctx.repository.toLowerCase() && pull.number === ctx.postmortemPull);
  const out: LinkedEvidence[] = [];
  const add = (pull: LinkedPullRef, via: PullVia) => {
    if (eligible(pull) && !out.some((e) => e.type === "pull" && same(e.pull, pull)))
      out.push({ type: "pull", pull, via });
  };

  const closedBy = [...links]
    .reverse()
    .find((l) => l.type === "closed-by-pull" || l.type === "closed-by-commit");
  if (closedBy?.type === "closed-by-pull") add(closedBy.pull, "closed-by-pull");
  if (closedBy?.type === "closed-by-commit" && inAccepted(closedBy.repository))
    out.push({ type: "commit", oid: closedBy.oid, url: closedBy.url });

  const linkedBefore = (pull: LinkedPullRef, at: string) =>
    pull.mergedAt !== null && Date.parse(at) <= Date.parse(pull.mergedAt);
  for (const l of links) {
    if (l.type !== "closing-reference") continue;
    const made = links.find((e) =>
      (e.type === "cross-reference" && e.willClose) || e.type === "connected"
        ? same(e.pull, l.pull) && linkedBefore(l.pull, e.at)
        : false,
    );
    if (made?.type === "cross-reference") add(l.pull, "closing-reference");
    else if (made?.type === "connected") add(l.pull, "connected");
  }
  return out;
}

/** How the close was meant: completed needs proof, not planned / duplicate is "not doing". */
export function closeKind(stateReason: string | null | undefined): "completed" | "not-doing" {
  return stateReason === "not_planned" || stateReason === "duplicate" ? "not-doing" : "completed";
}

/** YYYY-MM-DD of an ISO timestamp (UTC). */
export function day(timestamp: string): string {
  return timestamp.slice(0, 10);
}

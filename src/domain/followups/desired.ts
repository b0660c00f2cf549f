import { t } from "../../text/catalog/index.js";
import { categoryName } from "../../text/catalog/labels.js";
import { block, cell, inline, mention, quietLogin } from "../../text/sanitize.js";
import { render } from "../../text/templates.js";
import type { Config } from "../config/schema.js";
import type { FollowupMarker } from "../markers/marker.js";
import { type DueDecisionSource, decideDue } from "../policy/due.js";
import type { ParsedFollowup } from "../postmortem/parse.js";
import type { Postmortem } from "../postmortem/schema.js";
import { classifyEvidence, type EvidenceRules, evidenceRules } from "../validation/evidence.js";
import { identityItems, trackingRef } from "./identity.js";
import {
  type DesiredFollowup,
  type Disposition,
  followupKey,
  type ItemIdentityHints,
  type PullRef,
  type RepoRef,
} from "./model.js";

export interface DesiredInput {
  path: string;
  postmortem: Postmortem;
  followups: ParsedFollowup[];
  config: Config;
  repo: RepoRef;
  pr: PullRef | null;
  /** The day the postmortem merged (YYYY-MM-DD): default due dates count from it. */
  mergedOn: string;
  /** Markers of the existing issues, by key: a default due date, once set, never moves. */
  previous?: ReadonlyMap<string, FollowupMarker>;
  /** Owners that cannot be assigned (unknown login, no access), with the reason. */
  ownerProblems?: ReadonlyMap<string, string>;
  /**
   * Follow-up key -> `owner/name` of the repository its issue goes to, for those routed away from
   * `repo` (issue 17). Their references to the postmortem's pull request and issues then name
   * the repository (`acme/incidents#12`), since a bare `#12` would mean the other repository's.
   */
  routes?: ReadonlyMap<string, string>;
}

export function isTeam(owner: string): boolean {
  return owner.includes("/");
}

export function blobUrl(repo: RepoRef, path: string, ref = repo.defaultBranch): string {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  return `${repo.serverUrl}/${repo.owner}/${repo.repo}/blob/${encodeURIComponent(ref)}/${encoded}`;
}

/** A Markdown link whose target cannot break out of the parentheses. */
export function mdLink(text: string, url: string): string {
  // encodeURIComponent leaves ( and ) alone, and a ")" would end the link early.
  const safeUrl = url.replace(
    /[()\s<>]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
  return `[${inline(text).replace(/[[\]]/g, "\\$&")}](${safeUrl})`;
}

export function resolveDue(
  item: ParsedFollowup,
  config: Config,
  mergedOn: string,
  previous?: FollowupMarker,
  severity?: string,
): { due: string; isDefault: boolean; source: DueDecisionSource | { kind: "kept" } } {
  if (item.due) return { due: item.due, isDefault: false, source: { kind: "explicit" } };
  // A default, once set, never moves; a date the file set and no longer sets is not kept.
  if (previous?.due && !previous.dueSet)
    return { due: previous.due, isDefault: true, source: { kind: "kept" } };
  const decision = decideDue(
    { severity, term: item.term, category: item.category, from: mergedOn },
    config.duePolicy,
  );
  return { due: decision.due, isDefault: true, source: decision.source };
}

export function severityLabel(config: Config, severity: string | undefined): string | null {
  return severity ? (config.labels.severity[severity]?.name ?? null) : null;
}

export function managedLabelsFor(
  config: Config,
  item: ParsedFollowup,
  severity: string | undefined,
): string[] {
  const labels = [config.labels.tracking.name, config.labels.terms[item.term].name];
  const category = config.categories[item.category];
  if (category) labels.push(category.name);
  const sev = severityLabel(config, severity);
  if (sev) labels.push(sev);
  return labels;
}

/** The root cause in a sentence or two: its summary, else the last of the 5 Whys; at most ~300 characters. */
function shortRootCause(rootCause: NonNullable<Postmortem["root_cause"]>): string | null {
  const text = (rootCause.summary ?? rootCause.five_whys?.at(-1) ?? "").replace(/\s+/g, " ").trim();
  if (!text) return null;
  if (text.length <= 300) return inline(text);
  // Cut at the last sentence end before the limit, else at the last space.
  const head = text.slice(0, 300);
  const end = Math.max(head.lastIndexOf(". "), head.lastIndexOf("다. "));
  return inline(end > 100 ? head.slice(0, end + 1) : `${head.slice(0, head.lastIndexOf(" "))}…`);
}

export function milestoneTitle(postmortem: Postmortem): string {
  return `${postmortem.date} ${postmortem.title}`.slice(0, 255);
}

/** Validation entries as Markdown: repository paths link to the default branch, #N stays a reference. */
export function validationLinks(
  entries: readonly string[],
  repo: RepoRef,
  rules: EvidenceRules,
  qualified = false,
): string[] {
  return entries.map((entry) => {
    const c = classifyEvidence(entry, rules);
    if (!c.ok) return inline(entry);
    switch (c.ref.kind) {
      case "reference":
        return `${qualified ? `${repo.owner}/${repo.repo}` : ""}#${c.ref.number}`;
      case "path":
        return mdLink(c.ref.path, blobUrl(repo, c.ref.path));
      case "url":
        return mdLink(c.ref.label ?? c.ref.url, c.ref.url);
      default:
        return mdLink(c.ref.url, c.ref.url);
    }
  });
}

/** A link to a pull request or a commit (`…/pull/12`, `…/commit/1a2b3c4`): what makes a done item validated. */
export function isProofLink(ref: string): boolean {
  return /\/pull\/\d+(?:[/#?]|$)/.test(ref) || /\/commits?\/[0-9a-f]{7,40}(?:[/#?]|$)/i.test(ref);
}

/**
 * Done in the file, or a tracking link to an issue of this repository (`#12`, its URL): no new issue.
 * `proof`: the item's tracking links or evidence name a pull request or a commit.
 */
export function dispositionOf(
  hints: ItemIdentityHints,
  tracking: readonly string[],
  repo: RepoRef,
  evidence: readonly string[] = [],
): { disposition?: Disposition } {
  const proof = [...tracking, ...evidence].some(isProofLink) ? { proof: true as const } : {};
  if (hints.done) return { disposition: { kind: "done", ...proof } };
  const own = `${repo.serverUrl}/${repo.owner}/${repo.repo}/`.toLowerCase();
  for (const ref of tracking) {
    const short = /^#(\d+)$/.exec(ref);
    if (short) return { disposition: { kind: "adopt", number: Number(short[1]), ...proof } };
    const url = /^(.*\/)(?:issues|pull)\/(\d+)$/.exec(ref);
    if (url && url[1] === own) return { disposition: { kind: "adopt", number: Number(url[2]), ...proof } };
  }
  return {};
}

export function buildDesired(input: DesiredInput): DesiredFollowup[] {
  const { postmortem, config, repo, pr, path } = input;
  const lang = config.language;
  const githubHost = new URL(repo.serverUrl).host;
  const postmortemUrl = blobUrl(repo, path);
  const rootCause = postmortem.root_cause;
  const incident = {
    title: inline(postmortem.title),
    date: postmortem.date,
    severity: inline(postmortem.severity),
    summary: block(postmortem.summary),
    // Once per issue as a short summary (the full 5 Whys and fishbone are in the postmortem and in the
    // summary comment on its pull request): ten issues of one postmortem need not repeat it ten times.
    rootCause: rootCause ? shortRootCause(rootCause) : null,
  };

  const authors = (postmortem.authors ?? []).map((a) => a.replace(/^@/, "")).slice(0, 10);
  return input.followups.map((item, place) => {
    const key = followupKey(path, item.id);
    const hints = identityItems(path, [item])[0]!;
    const pinned = hints.pinned;
    const position = (item as ParsedFollowup & ItemIdentityHints).position ?? place;
    const tracking = [...new Set(hints.tracking.map(trackingRef))];
    const previous = input.previous?.get(key);
    const { due, isDefault, source } = resolveDue(
      item,
      config,
      input.mergedOn,
      previous,
      postmortem.severity,
    );
    // The pull request that first brought the follow-up stays its pull request: a later merge that
    // edits another part of the postmortem must not rewrite this issue (and the weekly report
    // keeps posting where the postmortem was reviewed).
    const prNumber = previous?.pr ?? pr?.number ?? null;
    const owner = item.owner ? item.owner.replace(/^@/, "") : null;
    const ownerProblem = owner ? input.ownerProblems?.get(owner) : undefined;
    const assignees = owner && !isTeam(owner) && !ownerProblem ? [owner] : [];
    const category = config.categories[item.category];
    const validation = item.validation ?? [];
    const routedTo = input.routes?.get(key);
    // In another repository, `#12` would be that repository's: name the postmortem's.
    const here = routedTo ? `${repo.owner}/${repo.repo}` : "";
    const links = validationLinks(validation, repo, evidenceRules(config.validation, githubHost), !!routedTo);
    const context = {
      incident,
      item: {
        id: item.id,
        title: inline(item.title),
        term: item.term,
        termName: t(lang, `labels.term.${item.term}`),
        category: item.category,
        categoryName: inline(categoryName(lang, item.category, config.categories)),
        categoryDescription: cell(category?.description ?? ""),
        owner: owner ? (ownerProblem ? quietLogin(owner) : mention(owner)) : null,
        ownerIsTeam: owner ? isTeam(owner) : false,
        ownerProblem: ownerProblem ? inline(ownerProblem) : null,
        due,
        dueIsDefault: isDefault,
        dueDays: source.kind === "rule" ? source.rule.days : config.dueDays[item.term],
        // The due policy's row that gave the date (null: the term's default days).
        duePolicy:
          source.kind === "rule"
            ? { severity: source.rule.severity ?? null, category: source.rule.category ?? null }
            : null,
        dueBusinessDays: source.kind !== "kept" && config.duePolicy.businessDays,
        priority: item.priority ?? null,
        description: block(item.description),
        validation: links,
      },
      links: {
        postmortem: mdLink(path, postmortemUrl),
        postmortemUrl,
        pr: prNumber !== null ? `${here}#${prNumber}` : null,
      },
    };
    const marker: FollowupMarker = {
      path,
      id: item.id,
      pr: prNumber,
      due,
      ...(isDefault ? {} : { dueSet: true as const }),
      title: item.title,
      owner,
      // Only items with a derived id can be joined after an edit: only they record where they were.
      ...(pinned ? {} : { pos: position }),
      ...(pinned || tracking.length === 0 ? {} : { links: tracking }),
      // Whom an escalation mentions when the config names nobody (src/domain/followups/nudges.ts).
      ...(authors.length > 0 ? { authors } : {}),
      ...(routedTo ? { home: here } : {}),
    };
    return {
      key,
      path,
      id: item.id,
      term: item.term,
      category: item.category,
      title: item.title,
      owner,
      assignees,
      due,
      priority: item.priority ?? null,
      labels: managedLabelsFor(config, item, postmortem.severity),
      managedBody: render(lang, "followup-issue", context).trimEnd(),
      evidenceBody: render(lang, "followup-evidence", { evidence: [] }).trimEnd(),
      pr: marker.pr,
      milestone: config.milestones ? milestoneTitle(postmortem) : null,
      marker,
      identity: { position, tracking, pinned, line: item.line },
      ...(routedTo ? { repository: routedTo } : {}),
      ...dispositionOf(item as ParsedFollowup & ItemIdentityHints, tracking, repo, validation),
    };
  });
}

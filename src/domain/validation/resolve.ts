import { type ProblemDetail, renderDetail, t } from "../../text/catalog/index.js";
import type { Language } from "../config/schema.js";
import type { Severity } from "../diagnostics/problem.js";
import {
  checkEvidence,
  type EvidenceClassification,
  type EvidenceRef,
  type EvidenceRules,
} from "./evidence.js";
import type { Lookup, LookupResult } from "./lookup.js";

export type { Lookup, LookupResult };

/**
 * Evidence that resolves (pure). A validation entry is classified (evidence.ts), then planned
 * into GitHub lookups; the gateway (src/github/evidence-resolver.ts) runs the lookups, cached and
 * deduplicated per run, and `judgeEvidence` turns their results into an outcome.
 *
 * Only the configured GitHub is ever asked, and only about THIS repository: a link to another
 * repository or to any other host is checked for form only and never fetched.
 */

export interface ResolveContext {
  owner: string;
  repo: string;
  /** Commit (or ref) that repository paths must exist at: the PR head, or the default branch. */
  ref: string;
  /** Web host of the configured GitHub (github.com, or the GHE host). */
  githubHost: string;
  /** Web origin of the configured GitHub, e.g. https://github.com. */
  serverUrl: string;
  /** The config's http hosts and ticket keys that count as evidence (none when absent). */
  allowed?: Pick<EvidenceRules, "httpHosts" | "tickets">;
}

export type EvidencePlan =
  /** Not evidence at all: `problem` says why (rendered in the language of the outcome). */
  | { entry: string; kind: "invalid"; problem: ProblemDetail }
  /** Checked for form only: another host, another repository, or an unresolvable link. */
  | { entry: string; kind: "form-only"; ref: EvidenceRef; reason: "external" | "other-repo" | "unresolvable" }
  /** Resolved through the API: found when ANY of the lookups (tried in order) is found. */
  | { entry: string; kind: "lookup"; ref: EvidenceRef; lookups: Lookup[] };

export type EvidenceStatus = "verified" | "unverified" | "cannot-verify" | "missing" | "invalid";

export interface EvidenceOutcome {
  entry: string;
  status: EvidenceStatus;
  /** Annotation level in the check: missing/invalid are errors, cannot-verify a warning,
   *  unverified (form only) a notice, verified nothing. */
  severity: Severity | null;
  /** Plain text (not Markdown): say what was checked and, when it failed, why. */
  message: string;
  /** Where the evidence points, for links in Markdown (null for invalid entries). */
  url: string | null;
  /** The lookup that verified it, e.g. a merged pull request. */
  found?: Extract<LookupResult, { status: "found" }>;
  /** Found, but an issue or pull request that does not prove a finished fix (`unsettledOf`). */
  unsettled?: Unsettled;
}

/**
 * Why an issue or pull request that exists is not (or no longer) proof that a fix is done: an
 * issue still open (or reopened), a pull request still open, or one closed without merging. THE
 * rule for `#N` evidence, owned here: `/validated` refuses such evidence, the effectiveness
 * re-check counts it as lapsed, and the pull request check (whose validation entries are a plan
 * written before the work is done) shows the state without failing.
 */
export type Unsettled = "open-issue" | "open-pull" | "unmerged-pull";

export function unsettledOf(found: Extract<LookupResult, { status: "found" }>): Unsettled | null {
  if (found.pullRequest === true) {
    if (found.merged === true) return null;
    return found.state === "open" ? "open-pull" : "unmerged-pull";
  }
  return found.pullRequest === false && found.state === "open" ? "open-issue" : null;
}

export const SEVERITY_OF: Record<EvidenceStatus, Severity | null> = {
  verified: null,
  unverified: "notice",
  "cannot-verify": "warning",
  missing: "error",
  invalid: "error",
};

/** Stable key of a lookup: the cache and dedupe key of a run. */
export function lookupKey(lookup: Lookup): string {
  switch (lookup.kind) {
    case "content":
      return `content:${lookup.ref}:${lookup.path}`;
    case "issue":
      return `issue:${lookup.number}`;
    case "workflow":
      return `workflow:${lookup.file}`;
    case "run":
      return `run:${lookup.id}`;
    case "commit":
      return `commit:${lookup.sha.toLowerCase()}`;
  }
}

/**
 * A blob/tree link's ref may contain slashes (`blob/release/2.x/test/a.ts`): try the first one,
 * two and three segments as the ref, as GitHub's own web UI has to.
 */
const MAX_REF_SEGMENTS = 3;

function contentCandidates(ref: string, path: string): Lookup[] {
  const segments = [ref, ...path.split("/")].filter(Boolean);
  const out: Lookup[] = [];
  // Every candidate names a path: the repository root itself is no evidence (`tree/release/2.x` is
  // `2.x` on `release`, never the root of `release/2.x`).
  for (let k = 1; k < Math.min(MAX_REF_SEGMENTS + 1, segments.length); k++) {
    out.push({ kind: "content", ref: segments.slice(0, k).join("/"), path: segments.slice(k).join("/") });
  }
  return out;
}

export function planFromClassified(
  entry: string,
  classified: EvidenceClassification,
  ctx: ResolveContext,
): EvidencePlan {
  if (!classified.ok) return { entry, kind: "invalid", problem: classified.problem };
  const ref = classified.ref;
  switch (ref.kind) {
    case "reference":
      return { entry, kind: "lookup", ref, lookups: [{ kind: "issue", number: ref.number }] };
    case "path":
      return { entry, kind: "lookup", ref, lookups: [{ kind: "content", ref: ctx.ref, path: ref.path }] };
    case "url":
      return { entry, kind: "form-only", ref, reason: "external" };
    case "github": {
      const sameRepo =
        ref.owner.toLowerCase() === ctx.owner.toLowerCase() &&
        ref.repo.replace(/\.git$/i, "").toLowerCase() === ctx.repo.toLowerCase();
      if (!sameRepo) return { entry, kind: "form-only", ref, reason: "other-repo" };
      const target = ref.target;
      switch (target.type) {
        case "blob":
        case "tree":
          return { entry, kind: "lookup", ref, lookups: contentCandidates(target.ref, target.path) };
        case "pull":
        case "issues":
          return { entry, kind: "lookup", ref, lookups: [{ kind: "issue", number: target.number }] };
        case "workflow":
          return { entry, kind: "lookup", ref, lookups: [{ kind: "workflow", file: target.file }] };
        case "run":
          return { entry, kind: "lookup", ref, lookups: [{ kind: "run", id: target.id }] };
        case "commit":
          return { entry, kind: "lookup", ref, lookups: [{ kind: "commit", sha: target.sha }] };
        case "other":
          return { entry, kind: "form-only", ref, reason: "unresolvable" };
      }
    }
  }
}

export function planEvidence(entry: string, ctx: ResolveContext): EvidencePlan {
  return planFromClassified(entry, checkEvidence(entry, { githubHost: ctx.githubHost, ...ctx.allowed }), ctx);
}

/** Every distinct lookup of a set of plans, in first-use order (what one run asks GitHub). */
export function distinctLookups(plans: readonly EvidencePlan[]): Lookup[] {
  const seen = new Map<string, Lookup>();
  for (const plan of plans) {
    if (plan.kind !== "lookup") continue;
    for (const lookup of plan.lookups) if (!seen.has(lookupKey(lookup))) seen.set(lookupKey(lookup), lookup);
  }
  return [...seen.values()];
}

/** Where an entry points on the web (links in the summary and the evidence section). */
export function evidenceUrl(ref: EvidenceRef, ctx: ResolveContext): string {
  const base = `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`;
  switch (ref.kind) {
    case "reference":
      return `${base}/issues/${ref.number}`;
    case "path":
      return `${base}/blob/${encodeURIComponent(ctx.ref)}/${ref.path.split("/").map(encodeURIComponent).join("/")}`;
    case "github":
    case "url":
      return ref.url;
  }
}

/**
 * The outcome of a plan given the lookups' results (`results` by lookupKey). For alternatives
 * (a ref with slashes), the first found wins; forbidden beats missing (we could not tell).
 */
export function judgeEvidence(
  plan: EvidencePlan,
  results: ReadonlyMap<string, LookupResult>,
  ctx: ResolveContext,
  language: Language,
): EvidenceOutcome {
  const outcome = (
    status: EvidenceStatus,
    message: string,
    url: string | null,
    found?: Extract<LookupResult, { status: "found" }>,
    unsettled?: Unsettled | null,
  ): EvidenceOutcome => ({
    entry: plan.entry,
    status,
    severity: SEVERITY_OF[status],
    message,
    url,
    ...(found ? { found } : {}),
    ...(unsettled ? { unsettled } : {}),
  });

  if (plan.kind === "invalid") return outcome("invalid", renderDetail(language, plan.problem), null);
  const url = evidenceUrl(plan.ref, ctx);
  if (plan.kind === "form-only") {
    const message =
      plan.reason === "external"
        ? t(language, "evidence.external", { url })
        : plan.reason === "other-repo"
          ? t(language, "evidence.other-repo", { url })
          : t(language, "evidence.unresolvable", { url });
    return outcome("unverified", message, url);
  }

  const answers = plan.lookups.map((l) => results.get(lookupKey(l)));
  const foundIndex = answers.findIndex((a) => a?.status === "found");
  if (foundIndex >= 0) {
    const found = answers[foundIndex] as Extract<LookupResult, { status: "found" }>;
    const what = describe(plan, foundIndex, ctx, language);
    const unsettled = unsettledOf(found);
    return outcome(
      "verified",
      unsettled
        ? t(language, "evidence.unsettled", { what, why: unsettled })
        : t(language, "evidence.verified", { what }),
      url,
      found,
      unsettled,
    );
  }
  if (answers.some((a) => a === undefined)) throw new Error(`evidence "${plan.entry}" was not looked up`);
  if (answers.some((a) => a?.status === "skipped"))
    return outcome(
      "cannot-verify",
      t(language, "evidence.skipped", { what: describe(plan, 0, ctx, language) }),
      url,
    );
  if (answers.some((a) => a?.status === "forbidden"))
    return outcome(
      "cannot-verify",
      t(language, "evidence.forbidden", {
        what: describe(plan, 0, ctx, language),
        kind: plan.lookups[0]!.kind,
      }),
      url,
    );
  const gone = answers.some((a) => a?.status === "gone");
  const what = describe(plan, 0, ctx, language);
  return outcome(
    "missing",
    t(language, "evidence.missing", { what, kind: plan.lookups[0]!.kind, gone }),
    url,
  );
}

/** What the entry names, in words (for messages). */
function describe(
  plan: Extract<EvidencePlan, { kind: "lookup" }>,
  index: number,
  ctx: ResolveContext,
  language: Language,
): string {
  const lookup = plan.lookups[index] ?? plan.lookups[0]!;
  const repo = `${ctx.owner}/${ctx.repo}`;
  switch (lookup.kind) {
    case "content":
      return t(language, "evidence.what.content", { path: lookup.path || "/", ref: shortRef(lookup.ref) });
    case "issue":
      return t(language, "evidence.what.issue", { number: lookup.number, repo });
    case "workflow":
      return t(language, "evidence.what.workflow", { file: lookup.file, repo });
    case "run":
      return t(language, "evidence.what.run", { id: lookup.id, repo });
    case "commit":
      return t(language, "evidence.what.commit", { sha: shortRef(lookup.sha), repo });
  }
}

export function shortRef(ref: string): string {
  return /^[0-9a-f]{40}$/i.test(ref) ? ref.slice(0, 7) : ref;
}

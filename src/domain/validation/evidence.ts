import { detail, type ProblemDetail, renderDetail } from "../../text/catalog/index.js";
import type { Language } from "../config/schema.js";

/**
 * Classifying validation entries (pure). What a follow-up names as proof: a repository path, an
 * https URL, or `#N`. A link into this repository on GitHub is recognised so the app can resolve
 * it through the API; every other URL is checked for form only and never fetched.
 */
export type EvidenceRef =
  | { kind: "reference"; number: number }
  | { kind: "path"; path: string }
  | { kind: "github"; url: string; owner: string; repo: string; target: GithubTarget }
  /** Any other URL (checked for form only); `label` is a ticket key the URL was made from. */
  | { kind: "url"; url: string; label?: string };

/**
 * What counts as evidence beyond paths, `#N` and https URLs: the GitHub host (its links are
 * resolved), plain-http hosts and ticket keys the config allows (`validation.http_hosts`,
 * `validation.tickets`). A bare string is the GitHub host alone.
 */
export interface EvidenceRules {
  githubHost: string;
  httpHosts?: readonly string[];
  tickets?: readonly { key: string; url: string }[];
}

/** The rules of a config on a GitHub host. */
export function evidenceRules(
  validation: { httpHosts: readonly string[]; tickets: readonly { key: string; url: string }[] },
  githubHost: string,
): EvidenceRules {
  return { githubHost, httpHosts: validation.httpHosts, tickets: validation.tickets };
}

export type GithubTarget =
  | { type: "blob" | "tree"; ref: string; path: string }
  | { type: "pull" | "issues"; number: number }
  | { type: "workflow"; file: string }
  | { type: "run"; id: number }
  | { type: "commit"; sha: string }
  | { type: "other" };

export type Classified = { ok: true; ref: EvidenceRef } | { ok: false; message: string };
/** The same, with the problem as a code and parameters (to render in any language). */
export type EvidenceCheck = { ok: true; ref: EvidenceRef } | { ok: false; problem: ProblemDetail };

const REFERENCE = /^#([1-9][0-9]{0,9})$/;
const TICKET = /^([A-Z][A-Z0-9_]{0,19})-[1-9][0-9]{0,9}$/;
const PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\s:?#*<>|"\\]+$/;
/** `www.example.com/d/x`, `grafana.example.com/d/x`: a host name where a path would start. */
const WEB_ADDRESS =
  /^(?:www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+|[a-z0-9-]+\.[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|dev|app|cloud|co|kr))\//i;

/** An entry's kind, or why it is not evidence (the message in `language`). */
export function classifyEvidence(
  entry: string,
  rules: EvidenceRules | string = "github.com",
  language: Language = "en",
): Classified {
  const checked = checkEvidence(entry, rules);
  return checked.ok ? checked : { ok: false, message: renderDetail(language, checked.problem) };
}

/** An entry's kind, or why it is not evidence. */
export function checkEvidence(entry: string, rules: EvidenceRules | string = "github.com"): EvidenceCheck {
  const {
    githubHost,
    httpHosts = [],
    tickets = [],
  } = typeof rules === "string" ? { githubHost: rules } : rules;
  const text = entry.trim();
  const reference = REFERENCE.exec(text);
  if (reference) return { ok: true, ref: { kind: "reference", number: Number(reference[1]) } };
  const ticketKey = TICKET.exec(text)?.[1];
  const ticket = ticketKey === undefined ? undefined : tickets.find((t) => t.key === ticketKey);
  if (ticket)
    return {
      ok: true,
      ref: { kind: "url", url: new URL(ticket.url.replace("{ticket}", text)).href, label: text },
    };
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return classifyUrl(text, githubHost, httpHosts);
  if (WEB_ADDRESS.test(text)) return refused(detail("evidence-web-address", { text: truncate(text) }));
  if (PATH.test(text) && (text.includes("/") || text.includes("."))) {
    // `./a//b/` is `a/b`; `.`, `./`, `.` and `.//` are the repository itself, which proves nothing
    // (and `./` would ask GitHub for the contents of the root).
    const path = normalisePath(text);
    if (path === "") return refused(detail("evidence-repository-root", { text }));
    return { ok: true, ref: { kind: "path", path } };
  }
  if (text.startsWith("/")) return refused(detail("evidence-absolute-path", { text }));
  if (/(^|\/)\.\.(\/|$)/.test(text)) return refused(detail("evidence-outside-repo", { text }));
  const fragment = /^([^\s#]+)#\S*$/.exec(text);
  if (fragment && PATH.test(fragment[1]!))
    return refused(detail("evidence-fragment", { text: truncate(text), path: fragment[1]! }));
  if (ticketKey !== undefined) return refused(detail("evidence-unknown-ticket", { text, key: ticketKey }));
  const references = text.match(/#[1-9][0-9]*/g) ?? [];
  if (references.length > 1)
    return refused(detail("evidence-several-references", { text: truncate(text), references }));
  if (references.length === 1)
    return refused(
      detail("evidence-reference-with-text", { text: truncate(text), reference: references[0]! }),
    );
  return refused(detail("bad-evidence", { text: truncate(text) }));
}

/** A relative path without `.` segments, empty segments and trailing slashes (`..` is refused earlier). */
function normalisePath(text: string): string {
  return text
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".")
    .join("/");
}

function refused(problem: ProblemDetail): EvidenceCheck {
  return { ok: false, problem };
}

function classifyUrl(text: string, githubHost: string, httpHosts: readonly string[]): EvidenceCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refused(detail("evidence-bad-url", { text: truncate(text) }));
  }
  if (url.username || url.password) return refused(detail("evidence-credentials"));
  if (url.protocol === "http:" && httpHosts.includes(url.hostname.toLowerCase()))
    return { ok: true, ref: { kind: "url", url: url.href } };
  if (url.protocol !== "https:")
    return refused(
      detail("evidence-not-https", {
        text: truncate(text),
        host: url.protocol === "http:" ? url.hostname : "",
      }),
    );
  if (url.hostname.toLowerCase() !== githubHost.toLowerCase())
    return { ok: true, ref: { kind: "url", url: url.href } };
  let segments: string[];
  try {
    segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    // A "%" that is not an escape (https://github.com/o/r/blob/main/%YAML): no such GitHub page.
    return refused(detail("evidence-bad-url", { text: truncate(text) }));
  }
  const [owner, repo, type, ...rest] = segments;
  if (!owner || !repo) return { ok: true, ref: { kind: "url", url: url.href } };
  const target = githubTarget(type, rest);
  // `tree/main` (the URL parser already resolved `./`): the whole repository is no evidence.
  if ((target.type === "tree" || target.type === "blob") && target.path === "")
    return refused(detail("evidence-repository-root", { text: truncate(text) }));
  return { ok: true, ref: { kind: "github", url: url.href, owner, repo, target } };
}

function githubTarget(type: string | undefined, rest: string[]): GithubTarget {
  const number = Number(rest[0]);
  switch (type) {
    case "blob":
    case "tree":
      if (rest.length >= 1) return { type, ref: rest[0]!, path: rest.slice(1).join("/") };
      break;
    case "pull":
    case "issues":
      if (Number.isInteger(number) && number > 0) return { type, number };
      break;
    case "commit":
      if (rest[0]) return { type: "commit", sha: rest[0] };
      break;
    case "actions":
      if (rest[0] === "workflows" && rest[1]) return { type: "workflow", file: rest[1] };
      if (rest[0] === "runs" && Number(rest[1]) > 0) return { type: "run", id: Number(rest[1]) };
      break;
  }
  return { type: "other" };
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

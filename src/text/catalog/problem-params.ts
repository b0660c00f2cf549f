/**
 * The problems the parser, the config loader and the check report: each has a stable `code` (kept
 * in `Problem.code` and in `lint --format json`) and typed parameters, declared here once; the
 * messages are problems-en.ts and problems-ko.ts.
 */

/** What a value in the file turned out to be (for "expected a list, got ..."). */
export type ValueShape =
  | { kind: "empty" }
  | { kind: "list" }
  | { kind: "mapping" }
  /** `text` is already shortened for display. */
  | { kind: "text"; text: string }
  /** A number, a boolean...: `type` is its JavaScript type, `json` its value as JSON. */
  | { kind: "other"; type: string; json: string };

/** The advice added to a YAML syntax error people often make in front matter. */
export type YamlHint =
  /** `title: Outage: payments` (a value that contains ": "). */
  | { kind: "quote-value" }
  | { kind: "duplicate-key"; key: string }
  | { kind: "tabs" }
  | { kind: "unclosed-quote" }
  /** A misindented key. */
  | { kind: "indentation"; key: string }
  /** `owner: @jlee`: a value that starts with a character YAML reserves (`@`, `` ` ``). */
  | { kind: "reserved-start"; value: string; login?: string };

/** The parameters of every code. A code with `{}` takes none. */
export interface ProblemParams {
  // The file as a whole.
  "file-too-large": { bytes: number; limit: number; unit: "bytes" | "MiB" };
  "binary-file": Record<string, never>;
  "not-utf8": Record<string, never>;
  "unreadable-file": { reason: string };
  "unreadable-at-head": Record<string, never>;
  "too-many-files": { max: number };
  "no-front-matter": Record<string, never>;
  "unterminated-front-matter": Record<string, never>;
  "not-a-mapping": Record<string, never>;
  // YAML.
  "yaml-too-deep": { max: number };
  "yaml-too-many-nodes": { max: number };
  "yaml-syntax": { detail: string; hint?: YamlHint };
  "yaml-warning": { detail: string };
  "yaml-aliases": { max: number };
  "yaml-unreadable": { detail: string };
  // Shapes and values (the schema).
  /** `expected`: the keys allowed there, when there are few (`short_term`, `long_term`). */
  "unknown-key": { key: string; suggestion?: string; expected?: string[] };
  /** `reason`: why the key is not allowed (rendered in the same language). */
  "invalid-key": { key: string; reason: ProblemDetail };
  "missing-key": { key: string };
  "wrong-type": {
    expected: string;
    got: ValueShape;
    /** `"14"` for a number: the value to write without quotes. */
    unquoted?: string;
    /** `color: 000000` read as a number: the text to quote and what YAML read it as. */
    quote?: { text: string; as: string };
  };
  "not-allowed": { value: string; expected: string[]; suggestion?: string };
  "too-many-entries": { max: number };
  "too-long": { max: number };
  "too-big": { max: string };
  "too-few-entries": { min: number };
  "empty-text": Record<string, never>;
  "too-short": { min: number };
  "too-small": { min: string };
  "bad-format": { value: string };
  /** A zod message no other code covers (a bug of ours if it shows up). */
  invalid: { detail: string };
  "not-a-date": { value: string };
  "no-such-month": { value: string; month: string };
  "no-such-day": { value: string; year: number; month: number; days: number };
  "date-format": { value: string; fixed: string };
  "not-a-datetime": { value: string };
  "not-a-time-zone": { value: string };
  "bad-colour": Record<string, never>;
  "bad-category-key": Record<string, never>;
  "bad-repository-name": Record<string, never>;
  "bad-host-name": Record<string, never>;
  "bad-ticket-key": Record<string, never>;
  "bad-ticket-url": Record<string, never>;
  "bad-id-format": Record<string, never>;
  "bad-owner-format": Record<string, never>;
  "recurrence-foreign-repository": { repository: string; owner: string };
  // Routing of follow-ups to other repositories (issue 17).
  "routing-rule-no-matcher": Record<string, never>;
  "routing-foreign-repository": { repository: string; owner: string };
  /** A follow-up routed to a repository the app cannot reach (issue 17): it stays in `home`. */
  "route-not-installed": { repository: string; home: string };
  /** Routed, but this run cannot write other repositories (the Action's token, the CLI without access). */
  "route-unavailable": { repository: string; home: string };
  // The postmortem.
  "unknown-severity": { value: string; expected: string[] };
  "no-root-cause": Record<string, never>;
  "duplicate-id": { id: string; line: number; first: string };
  "too-many-followups": { count: number; max: number };
  "no-followups": Record<string, never>;
  "bad-id": { id: string; suggestion?: string };
  "unknown-category": { value: string; expected: string[]; suggestion?: string };
  "bad-owner": { owner: string };
  "several-owners": { owner: string };
  "owner-is-email": { owner: string };
  "no-owner": Record<string, never>;
  "no-description": Record<string, never>;
  "due-before-incident": { due: string; incident: string };
  /** `plan`: an explicit due date before the merge: the issue is overdue the moment it is created. */
  "due-before-merge": { due: string; merged: string };
  /** An edited item that could be one of several existing issues: it gets a new issue. */
  "identity-ambiguous": { candidates: number[] };
  /** The check: an edited item keeps its issue (how it was recognised). */
  "identity-joined": { number: number; kind: "tracking" | "title" | "position" };
  /** Too many edited items to compare: only shared tracking links joined them to their issues. */
  "identity-too-many": Record<string, never>;
  /** A plain Markdown item without evidence (`validation.markdown`). */
  "markdown-no-evidence": Record<string, never>;
  // Markdown postmortems (no `followups` front matter: src/domain/postmortem/markdown).
  /** No follow-up section; `headings`: the headings the file has, in order (may be empty). */
  "markdown-no-section": { headings: string[] };
  /** A follow-up section with prose only. */
  "markdown-no-items": { section: string };
  "markdown-no-date": Record<string, never>;
  /** An owner that is neither a login nor in the config's `owners` map: kept as text. */
  "markdown-unknown-owner": { owner: string };
  "markdown-bad-repository": { value: string };
  /** A row of a timeline, communication or response-actions section without a time the reader can use. */
  "markdown-record-no-time": { section: string };
  // Validation.
  "missing-validation": Record<string, never>;
  "empty-validation": Record<string, never>;
  "validation-commented-out": { quoted: string };
  "empty-entry-commented-out": { quoted: string };
  "validation-not-a-list": { value: string };
  "validation-text-not-evidence": { value: string };
  "bad-evidence": { text: string };
  "evidence-web-address": { text: string };
  "evidence-absolute-path": { text: string };
  "evidence-outside-repo": { text: string };
  "evidence-repository-root": { text: string };
  "evidence-fragment": { text: string; path: string };
  "evidence-several-references": { text: string; references: string[] };
  "evidence-reference-with-text": { text: string; reference: string };
  "evidence-bad-url": { text: string };
  "evidence-not-https": { text: string; host: string };
  "evidence-unknown-ticket": { text: string; key: string };
  "evidence-credentials": Record<string, never>;
  // The config file.
  "config-too-large": { bytes: number; max: number };
  "config-unreadable": { detail: string };
  /** A `paths` glob over the bounds of src/domain/config/glob.ts (too long is `too-long`). */
  "glob-too-many-wildcards": { count: number; max: number };
  "glob-too-many-stars": { count: number; max: number };
  "glob-extglob": { text: string };
  /** `_extends`: a value Probot cannot read as a repository. */
  "extends-malformed": { value: string };
  /** `_extends` names a config GitHub answers 404 for. `target`: owner/repo:path. */
  "extends-not-found": { target: string };
  /** ... a config GitHub answers 403 for. */
  "extends-forbidden": { target: string };
  /** ... a config that is not valid (`detail`: already in the language of the problem). */
  "extends-invalid": { target: string; detail: string };
}

export type CatalogCode = keyof ProblemParams;

/**
 * Evidence the check resolved through the API: the message is the evidence outcome's, written by
 * the `evidence` topic (src/text/catalog/evidence.ts) in the config's language (it names what was looked up and where).
 */
export type EvidenceCode = "evidence-missing" | "evidence-cannot-verify" | "evidence-unverified";

/** The stable code of a problem. */
export type ProblemCode = CatalogCode | EvidenceCode;

/** A problem's code with its parameters, before it is rendered in a language. */
export type ProblemDetail = { [C in CatalogCode]: { code: C; params: ProblemParams[C] } }[CatalogCode];

type NoParams<C extends CatalogCode> = ProblemParams[C] extends Record<string, never> ? true : false;

/** `detail("no-owner")`, `detail("duplicate-id", { id, line, first })`. */
export function detail<C extends CatalogCode>(
  code: C,
  ...params: NoParams<C> extends true ? [] : [ProblemParams[C]]
): ProblemDetail {
  return { code, params: params[0] ?? {} } as ProblemDetail;
}

import { plural } from "../plural.js";
import type { Messages } from "./define.js";
import type { ProblemDetail, ProblemParams, ValueShape, YamlHint } from "./problem-params.js";

/**
 * The problems in English: the messages the app has always printed. Values, keys and paths from
 * the user's file stay verbatim (`"sytem"`, `validation`, `followups.short_term[1]`).
 */

const list = (values: readonly string[]) => values.join(", ");
const didYouMean = (suggestion: string | undefined) => (suggestion ? `; did you mean "${suggestion}"?` : "");

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function shapeEn(shape: ValueShape): string {
  switch (shape.kind) {
    case "empty":
      return "empty";
    case "list":
      return "a list";
    case "mapping":
      return "a mapping";
    case "text":
      return `the text ${JSON.stringify(shape.text)}`;
    case "other":
      return `${shape.type} ${shape.json}`;
  }
}

function expectedEn(expected: string): string {
  return expected === "array" ? "a list" : expected === "object" ? "a mapping" : `a ${expected}`;
}

function yamlHintEn(hint: YamlHint | undefined): string {
  switch (hint?.kind) {
    case undefined:
      return "";
    case "quote-value":
      return ' (a value that contains ": " must be in quotes)';
    case "duplicate-key":
      return `: "${hint.key}" appears twice`;
    case "tabs":
      return " (indent with spaces)";
    case "unclosed-quote":
      return " (the quote that starts here is never closed)";
    case "indentation":
      return ` (check the indentation of "${hint.key}": the keys of one mapping must line up, with spaces)`;
    case "reserved-start":
      return hint.login ? `: write ${hint.login} or "${hint.value}"` : `: write "${hint.value}" in quotes`;
  }
}

const NOTHING_WRITTEN_EN = "No issue or label is created until this is fixed";

export const en: Messages<ProblemParams> = {
  "file-too-large": ({ bytes, limit, unit }) =>
    unit === "MiB"
      ? `file is ${(bytes / 1024 / 1024).toFixed(1)} MiB; postmortems are limited to 1 MiB`
      : `file is ${bytes} bytes; postmortems are limited to 1 MiB (${limit} bytes)`,
  "binary-file": () => "file is binary, not a postmortem",
  "not-utf8": () => "file is not valid UTF-8 text",
  "unreadable-file": ({ reason }) => `cannot read the file (${reason})`,
  "unreadable-at-head": () => "cannot be read at the head commit (not a regular file)",
  "too-many-files": ({ max }) => `not checked: a pull request is checked for at most ${max} postmortems`,
  "no-front-matter": () => "no YAML front matter: not a postmortem, skipped",
  "unterminated-front-matter": () =>
    'front matter starts with "---" but never ends (add a closing "---" line)',
  "not-a-mapping": () => "expected a mapping of postmortem keys (title, date, followups, ...)",

  "yaml-too-deep": ({ max }) => `YAML nested deeper than ${max} levels; the file is refused`,
  "yaml-too-many-nodes": ({ max }) =>
    `YAML has more than ${max} nodes (keys, values and list items); the file is refused`,
  "yaml-syntax": ({ detail, hint }) => `YAML syntax: ${detail}${yamlHintEn(hint)}`,
  "yaml-warning": ({ detail }) => `YAML: ${detail}`,
  "yaml-aliases": ({ max }) => `YAML aliases expand beyond ${max} nodes; the file is refused`,
  "yaml-unreadable": ({ detail }) => `YAML could not be read: ${detail}`,

  "unknown-key": ({ key, suggestion, expected }) =>
    `unknown key "${key}"${expected ? ` (expected ${list(expected)})` : ""}${didYouMean(suggestion)}`,
  "invalid-key": ({ key, reason }) => `invalid key "${key}": ${renderEn(reason)}`,
  "missing-key": ({ key }) => `missing required key "${key}"`,
  "wrong-type": ({ expected, got, unquoted, quote }) =>
    `expected ${expectedEn(expected)}, got ${shapeEn(got)}` +
    (unquoted !== undefined ? ` (write ${unquoted} without quotes)` : "") +
    (quote ? ` (YAML reads ${quote.text} as a ${quote.as}: write "${quote.text}" in quotes)` : ""),
  "not-allowed": ({ value, expected, suggestion }) =>
    `${value} is not allowed (expected one of ${list(expected)})${didYouMean(suggestion)}`,
  "too-many-entries": ({ max }) => `too many entries (at most ${max})`,
  "too-long": ({ max }) => `too long (at most ${max} characters)`,
  "too-big": ({ max }) => `must be at most ${max}`,
  "too-few-entries": ({ min }) => `needs at least ${plural(min, "entry", "entries")}`,
  "empty-text": () => "cannot be empty",
  "too-short": ({ min }) => `too short (at least ${min} characters)`,
  "too-small": ({ min }) => `must be at least ${min}`,
  "bad-format": ({ value }) => `${value} has the wrong format`,
  invalid: ({ detail }) => detail,
  "not-a-date": ({ value }) => `${value} is not a date (expected YYYY-MM-DD)`,
  "no-such-month": ({ value, month }) => `${value} is not a date: there is no month ${month}`,
  "no-such-day": ({ value, year, month, days }) =>
    `${value} is not a date: ${MONTHS[month - 1]} ${year} has ${days} days`,
  "date-format": ({ value, fixed }) => `${value} is not a date in the form YYYY-MM-DD: write ${fixed}`,
  "not-a-datetime": ({ value }) =>
    `${value} is not a date or time (expected ISO 8601, e.g. 2026-03-12T10:02:00+09:00)`,
  "not-a-time-zone": ({ value }) => `${value} is not an IANA time zone (e.g. UTC, Asia/Seoul)`,
  "bad-colour": () => "must be a 6-digit hex colour such as 1d76db",
  "bad-category-key": () => "category keys are lowercase",
  "bad-repository-name": () => "must be a repository as owner/name, such as acme/api",
  "bad-host-name": () => "must be a host name without scheme, port or path, such as grafana.internal",
  "bad-ticket-key": () => "must be a project key in capitals, such as JIRA or OPS",
  "bad-ticket-url": () =>
    "must be an https URL containing {ticket}, such as https://jira.example.com/browse/{ticket}",
  "bad-id-format": () => "must be lowercase letters, digits and dashes, starting with a letter or digit",
  "bad-owner-format": () => "must be a GitHub login or org/team",
  "recurrence-foreign-repository": ({ repository, owner }) =>
    `${repository} is not a repository of ${owner}: recurrence reads only repositories of the same owner and app installation`,
  "routing-rule-no-matcher": () =>
    "a routing rule needs at least one of `category`, `term`, `owner`, `path` or `codeowner` (a rule without one would take every follow-up)",
  "routing-foreign-repository": ({ repository, owner }) =>
    `${repository} is not a repository of ${owner}: follow-ups go only to repositories of the same owner and app installation`,
  "route-not-installed": ({ repository, home }) =>
    `the app is not installed on ${repository}: this follow-up's issue stays in ${home} until it is`,
  "route-unavailable": ({ repository, home }) =>
    `${repository} cannot be written from here (a token for ${home} only): this follow-up's issue stays in ${home}`,

  "unknown-severity": ({ value, expected }) =>
    `"${value}" is not a severity (expected one of ${list(expected)})`,
  "no-root-cause": () =>
    "no root_cause: add the 5 Whys or a fishbone so the follow-ups can be traced to causes",
  "duplicate-id": ({ id, line, first }) => `duplicate id "${id}" (first used at line ${line}, ${first})`,
  "too-many-followups": ({ count, max }) =>
    `${count} follow-ups; at most ${max} per postmortem (split the file, or group small items)`,
  "no-followups": () => "no follow-ups under short_term or long_term",
  "bad-id": ({ id, suggestion }) =>
    `${JSON.stringify(id)} is not a valid id: use lowercase letters, digits and dashes, starting with a letter or digit` +
    (suggestion
      ? `; did you mean "${suggestion}"?`
      : " (the id is a key that never changes; the title can be in any language)"),
  "unknown-category": ({ value, expected, suggestion }) =>
    `"${value}" is not a category (expected one of ${list(expected)})${didYouMean(suggestion)}`,
  "bad-owner": ({ owner }) =>
    `${JSON.stringify(owner)} is not a GitHub login or org/team: write the GitHub login (e.g. alice) or org/team`,
  "several-owners": ({ owner }) =>
    `${JSON.stringify(owner)} is not a GitHub login or org/team: a follow-up has one owner (split it into one follow-up per owner, or name a team)`,
  "owner-is-email": ({ owner }) =>
    `${JSON.stringify(owner)} is not a GitHub login or org/team: write the GitHub login, not an e-mail address`,
  "no-owner": () => "no owner: a follow-up nobody owns is rarely done",
  "no-description": () => "no description: say what done looks like",
  "due-before-incident": ({ due, incident }) => `due date ${due} is before the incident date ${incident}`,
  "due-before-merge": ({ due, merged }) =>
    `due date ${due} is before the merge (${merged}): the follow-up will be overdue as soon as its issue is created`,
  "identity-ambiguous": ({ candidates }) =>
    `this edited item could be ${candidates.map((n) => `#${n}`).join(" or ")}: a new issue is created (pin its id with {#id} to choose)`,
  "identity-joined": ({ number, kind: by }) =>
    `edited item still tracks #${number} (${by === "tracking" ? "same tracking link" : by === "title" ? "similar title" : "same place, similar title"}): no new issue`,
  "identity-too-many": () =>
    "too many edited items to match by title: only shared tracking links keep their issues (pin ids with {#id})",
  "markdown-no-evidence": () =>
    "no evidence named for this item (add a Validation or Evidence column, or an `Evidence:` line): its issue will say so and ask for proof at close",
  "markdown-no-section": ({ headings }) =>
    headings.length === 0
      ? 'no follow-up section (e.g. "## Action Items"); the file has no headings'
      : `no follow-up section (e.g. "## Action Items"); headings: ${list(headings)}`,
  "markdown-no-items": ({ section }) =>
    `no items found in "${section}": write each follow-up as a list item, a task ("- [ ] ...") or a table row`,
  "markdown-no-date": () =>
    'no incident date: add a "Date: YYYY-MM-DD" line, a `date` front-matter key or a YYYY-MM-DD file-name prefix',
  "markdown-record-no-time": ({ section }) =>
    `no time in this row of "${section}": start it with a time such as 14:05 or 2026-03-02 14:05 (it is left out of the response figures)`,
  "markdown-unknown-owner": ({ owner }) =>
    `owner "${owner}" is not a GitHub login: kept as text (map it to a login or org/team under \`owners:\` in the config)`,
  "markdown-bad-repository": ({ value }) =>
    `repository "${value}" is not owner/name (such as acme/payments): the follow-up stays in the postmortem's repository`,

  "missing-validation": () =>
    "missing validation: name at least one test, pull request, dashboard or runbook that proves the fix works",
  "empty-validation": () =>
    "validation is empty: name at least one test, pull request, dashboard or runbook that proves the fix works",
  "validation-commented-out": ({ quoted }) =>
    `validation is empty: in YAML an unquoted # starts a comment, so write ${quoted} in quotes`,
  "empty-entry-commented-out": ({ quoted }) =>
    `empty entry: in YAML an unquoted # starts a comment, so write ${quoted} in quotes`,
  "validation-not-a-list": ({ value }) =>
    `expected a list, got the text ${JSON.stringify(value)}: write validation: [${JSON.stringify(value)}], or each entry on its own "- " line below`,
  "validation-text-not-evidence": ({ value }) =>
    `${JSON.stringify(value)} is not evidence: validation lists what proves the fix works — a test or file in this repository, a pull request or issue ("#123"), or an https link (dashboard, runbook, CI job). Describe the check itself in description, and link its record here`,
  "bad-evidence": ({ text }) =>
    `"${text}" is neither an https URL, a repository path, nor a pull request or issue like "#123"`,
  "evidence-web-address": ({ text }) =>
    `"${text}" looks like a web address without https://: write https://${text} (a file of this repository: ./${text})`,
  "evidence-absolute-path": ({ text }) =>
    `"${text}" is an absolute path; write the path relative to the repository root`,
  "evidence-outside-repo": ({ text }) => `"${text}" leaves the repository ("..")`,
  "evidence-repository-root": ({ text }) =>
    `"${text}" is the whole repository, which proves nothing: name the test, file or directory that shows the fix works`,
  "evidence-fragment": ({ text, path }) =>
    `"${text}": a repository path cannot point into the file; write ${path}, or the https link to the line on GitHub`,
  "evidence-several-references": ({ text, references }) =>
    `"${text}" names ${references.length} references: write each (${list(references)}) as its own entry`,
  "evidence-reference-with-text": ({ text, reference }) =>
    `"${text}": write "${reference}" alone (one reference per entry; explain it in the description)`,
  "evidence-bad-url": ({ text }) => `"${text}" is not a valid URL`,
  "evidence-not-https": ({ text, host }) =>
    `"${text}" must use https${host ? ` (or list ${host} in the config's validation.http_hosts)` : ""}`,
  "evidence-unknown-ticket": ({ text, key }) =>
    `"${text}" looks like a ticket: to accept ${key} tickets, add { key: ${key}, url: "https://…/{ticket}" } to the config's validation.tickets`,
  "evidence-credentials": () => "a URL must not carry credentials",

  "config-too-large": ({ bytes, max }) => `the config file is ${bytes} bytes; at most ${max} are read`,
  "config-unreadable": ({ detail }) => detail,
  "glob-too-many-wildcards": ({ count, max }) =>
    `this glob has ${count} wildcards; at most ${max} are allowed (each *, **, ?, [...] and each {...} alternative after the first counts). ` +
    'Only Markdown and YAML files are postmortems anyway, so "postmortems/**" is usually enough',
  "glob-too-many-stars": ({ count, max }) =>
    `this glob has ${count} stars (*) between two slashes; at most ${max} are allowed in one path segment`,
  "glob-extglob": ({ text }) =>
    `extglobs such as ${text} are not supported (matching them can take minutes): write alternatives as {a,b}`,
  "extends-malformed": ({ value }) =>
    `_extends: ${JSON.stringify(value)} does not name a repository: write repo, owner/repo or owner/repo:path.yml`,
  "extends-not-found": ({ target }) =>
    `_extends names ${target}, which cannot be read: GitHub answers 404 (no such repository or file, or the app is not installed on it). ${NOTHING_WRITTEN_EN}`,
  "extends-forbidden": ({ target }) =>
    `_extends names ${target}, which the app may not read: GitHub answers 403. ${NOTHING_WRITTEN_EN}`,
  "extends-invalid": ({ target, detail }) =>
    `_extends names ${target}, which is not a valid config: ${detail}. ${NOTHING_WRITTEN_EN}`,
};

/** A nested problem (the reason of `invalid-key`), in English. */
function renderEn(problem: ProblemDetail): string {
  return (en[problem.code] as (params: ProblemDetail["params"]) => string)(problem.params);
}

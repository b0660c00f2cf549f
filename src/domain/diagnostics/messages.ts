import { josa } from "../../text/josa.js";
import type { Language } from "../../text/language.js";
import { plural } from "../../text/plural.js";
import { globIssue } from "../config/glob.js";

/**
 * The catalog of problem messages: every problem the parser, the config loader and the check
 * report has a stable `code` (kept in `Problem.code` and in `lint --format json`), typed
 * parameters, and one rendering per language. The parser and the config loader render in the
 * config's `language`; the English renderings are the messages the app has always printed.
 *
 * Values, keys and paths from the user's file stay verbatim in every language (`"sytem"`,
 * `validation`, `followups.short_term[1]`); only the sentence around them is translated. Korean
 * follows the words of the templates in templates/ko (포스트모템, 후속 조치, 분류, 담당자, 기한, 검증
 * 방법) and chooses the particle after a value from the way it is read (`josa` in src/text/josa.ts):
 * `"paths"를`, `000000을`, never a hedge.
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
  | { kind: "indentation"; key: string };

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
  "unknown-key": { key: string; suggestion?: string };
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
  "bad-id-format": Record<string, never>;
  "bad-owner-format": Record<string, never>;
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
  /** An edited item that could be one of several existing issues: it gets a new issue. */
  "identity-ambiguous": { candidates: number[] };
  /** The check: an edited item keeps its issue (how it was recognised). */
  "identity-joined": { number: number; kind: "tracking" | "title" | "position" };
  /** Too many edited items to compare: only shared tracking links joined them to their issues. */
  "identity-too-many": Record<string, never>;
  // Markdown postmortems (no `followups` front matter: src/domain/postmortem/markdown).
  /** No follow-up section; `headings`: the headings the file has, in order (may be empty). */
  "markdown-no-section": { headings: string[] };
  /** A follow-up section with prose only. */
  "markdown-no-items": { section: string };
  "markdown-no-date": Record<string, never>;
  /** An owner that is neither a login nor in the config's `owners` map: kept as text. */
  "markdown-unknown-owner": { owner: string };
  // Validation.
  "missing-validation": Record<string, never>;
  /** A plain Markdown item without evidence (`validation.markdown`). */
  "markdown-no-evidence": Record<string, never>;
  "empty-validation": Record<string, never>;
  "validation-commented-out": { quoted: string };
  "empty-entry-commented-out": { quoted: string };
  "validation-not-a-list": { value: string };
  "bad-evidence": { text: string };
  "evidence-web-address": { text: string };
  "evidence-absolute-path": { text: string };
  "evidence-outside-repo": { text: string };
  "evidence-repository-root": { text: string };
  "evidence-fragment": { text: string; path: string };
  "evidence-several-references": { text: string; references: string[] };
  "evidence-reference-with-text": { text: string; reference: string };
  "evidence-bad-url": { text: string };
  "evidence-not-https": { text: string };
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
 * src/domain/validation/messages.ts in the config's language (it names what was looked up and where).
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

type Renderers = { [C in CatalogCode]: (params: ProblemParams[C]) => string };

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
  }
}

const NOTHING_WRITTEN_EN = "No issue or label is created until this is fixed";

const en: Renderers = {
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
  "identity-ambiguous": ({ candidates }) =>
    `this edited item could be ${candidates.map((n) => `#${n}`).join(" or ")}: a new issue is created (pin its id with {#id} to choose)`,
  "identity-joined": ({ number, kind: by }) =>
    `edited item still tracks #${number} (${by === "tracking" ? "same tracking link" : by === "title" ? "similar title" : "same place, similar title"}): no new issue`,
  "identity-too-many": () =>
    "too many edited items to match by title: only shared tracking links keep their issues (pin ids with {#id})",
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

  "unknown-key": ({ key, suggestion }) => `unknown key "${key}"${didYouMean(suggestion)}`,
  "invalid-key": ({ key, reason }) => `invalid key "${key}": ${renderDetail("en", reason)}`,
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
  "bad-id-format": () => "must be lowercase letters, digits and dashes, starting with a letter or digit",
  "bad-owner-format": () => "must be a GitHub login or org/team",

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
  "markdown-no-section": ({ headings }) =>
    headings.length === 0
      ? 'no follow-up section (e.g. "## Action Items"); the file has no headings'
      : `no follow-up section (e.g. "## Action Items"); headings: ${list(headings)}`,
  "markdown-no-items": ({ section }) =>
    `no items found in "${section}": write each follow-up as a list item, a task ("- [ ] ...") or a table row`,
  "markdown-no-date": () =>
    'no incident date: add a "Date: YYYY-MM-DD" line, a `date` front-matter key or a YYYY-MM-DD file-name prefix',
  "markdown-unknown-owner": ({ owner }) =>
    `owner "${owner}" is not a GitHub login: kept as text (map it to a login or org/team under \`owners:\` in the config)`,

  "markdown-no-evidence": () =>
    "no evidence named for this item (add a Validation or Evidence column, or an `Evidence:` line): its issue will say so and ask for proof at close",
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
  "evidence-not-https": ({ text }) => `"${text}" must use https`,
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

// Korean.

function shapeKo(shape: ValueShape): string {
  switch (shape.kind) {
    case "empty":
      return "빈 값";
    case "list":
      return "목록";
    case "mapping":
      return "매핑";
    case "text":
      return `텍스트 ${JSON.stringify(shape.text)}`;
    case "other":
      return `${TYPE_KO[shape.type] ?? shape.type} ${shape.json}`;
  }
}

/** JavaScript and zod type names as a Korean reader knows them. */
const TYPE_KO: Record<string, string> = {
  string: "텍스트",
  number: "숫자",
  int: "정수",
  bigint: "정수",
  boolean: "불리언",
  array: "목록",
  object: "매핑",
  date: "날짜",
};

/** "목록이어야", "텍스트여야": the copula after a type name, by its last syllable. */
function mustBeKo(expected: string): string {
  const word = TYPE_KO[expected];
  if (!word) return `${expected} 값이어야`;
  const last = word.charCodeAt(word.length - 1);
  const batchim = last >= 0xac00 && last <= 0xd7a3 && (last - 0xac00) % 28 !== 0;
  return `${word}${batchim ? "이어야" : "여야"}`;
}

function yamlHintKo(hint: YamlHint | undefined): string {
  switch (hint?.kind) {
    case undefined:
      return "";
    case "quote-value":
      return ' (": "가 들어간 값은 따옴표로 감싸야 합니다)';
    case "duplicate-key":
      return `: "${hint.key}" 키가 두 번 나옵니다`;
    case "tabs":
      return " (공백으로 들여 쓰세요)";
    case "unclosed-quote":
      return " (여기서 연 따옴표가 닫히지 않았습니다)";
    case "indentation":
      return ` ("${hint.key}"의 들여쓰기를 확인하세요: 한 매핑의 키는 공백으로 같은 열에 맞춰야 합니다)`;
  }
}

const FLOW_KO: Record<string, { open: string; close: string }> = {
  map: { open: "{", close: "}" },
  sequence: { open: "[", close: "]" },
};

/**
 * The yaml library's messages (English) in Korean: the ones people meet in front matter. Any
 * other message is kept as the library wrote it.
 */
const YAML_KO: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /^All mapping items must start at the same column$/,
    () => "매핑의 키가 모두 같은 열에서 시작하지 않습니다",
  ],
  [
    /^All sequence items must start at the same column$/,
    () => "목록의 항목이 모두 같은 열에서 시작하지 않습니다",
  ],
  [/^Sequence item without - indicator$/, () => "목록 항목에 - 표시가 없습니다"],
  [/^Missing closing (["'])quote$/, (m) => `닫는 따옴표(${m[1]})가 없습니다`],
  [/^Map keys must be unique$/, () => "매핑의 키는 한 번씩만 쓸 수 있습니다"],
  [/^Tabs are not allowed as indentation$/, () => "들여쓰기에 탭을 쓸 수 없습니다"],
  [
    /^Nested mappings are not allowed in compact mappings$/,
    () => "한 줄로 쓴 매핑 안에 다른 매핑을 넣을 수 없습니다",
  ],
  [/^Implicit keys need to be on a single line$/, () => "키는 한 줄 안에 있어야 합니다"],
  [/^Implicit map keys need to be followed by map values$/, () => "키 뒤에는 콜론(:)과 값이 와야 합니다"],
  [/^A block sequence may not be used as an implicit map key$/, () => "목록을 키로 쓸 수 없습니다"],
  [
    /^Comments must be separated from other tokens by white space characters$/,
    () => "주석(#) 앞에는 공백이 있어야 합니다",
  ],
  [
    /^Block scalar values in collections must be indented$/,
    () => "목록이나 매핑 안의 여러 줄 값은 들여 써야 합니다",
  ],
  [
    /^Missing , or : between flow (map|sequence) items$/,
    (m) => `${FLOW_KO[m[1]!]!.open} ${FLOW_KO[m[1]!]!.close} 안의 항목 사이에 쉼표(,)나 콜론(:)이 빠졌습니다`,
  ],
  [
    /^Missing , between flow (map|sequence) items$/,
    (m) => `${FLOW_KO[m[1]!]!.open} ${FLOW_KO[m[1]!]!.close} 안의 항목 사이에 쉼표(,)가 빠졌습니다`,
  ],
  [
    /^Flow (map|sequence) must end with a [\]}]$/,
    (m) =>
      `${josa(`"${FLOW_KO[m[1]!]!.open}"`, "으로/로")} 연 부분을 ${josa(`"${FLOW_KO[m[1]!]!.close}"`, "으로/로")} 닫아야 합니다`,
  ],
  [
    /^Flow (map|sequence) in block collection must be sufficiently indented and end with a [\]}]$/,
    (m) =>
      `${josa(`"${FLOW_KO[m[1]!]!.open}"`, "으로/로")} 연 부분은 충분히 들여 쓰고 ${josa(`"${FLOW_KO[m[1]!]!.close}"`, "으로/로")} 닫아야 합니다`,
  ],
  [
    /^Plain value cannot start with (.+)$/,
    (m) => `따옴표 없는 값은 ${josa(badStartKo(m[1]!), "으로/로")} 시작할 수 없습니다`,
  ],
  [/^Unresolved tag: (.+)$/, (m) => `알 수 없는 태그입니다: ${m[1]}`],
];

/** The character a plain value cannot start with, as the yaml package names it ("reserved character @"). */
function badStartKo(what: string): string {
  const named: [RegExp, string][] = [
    [/^reserved character (.)$/, "예약 문자"],
    [/^block scalar indicator (.)$/, "블록 스칼라 표시"],
    [/^flow indicator character (.)$/, "흐름 표시 문자"],
    [/^directive indicator character (.)$/, "지시자 표시 문자"],
  ];
  for (const [pattern, name] of named) {
    const m = pattern.exec(what);
    if (m) return `${name} ${m[1]}`;
  }
  return what === "a tab character" ? "탭 문자" : what;
}

export function yamlDetailKo(detail: string): string {
  for (const [pattern, translate] of YAML_KO) {
    const m = pattern.exec(detail);
    if (m) return translate(m);
  }
  return detail;
}

const EVIDENCE_KINDS_KO = "테스트, 풀 리퀘스트, 대시보드, 런북";

const NOTHING_WRITTEN_KO = "고칠 때까지 이슈도 레이블도 만들지 않습니다";

const ko: Renderers = {
  "file-too-large": ({ bytes, limit, unit }) =>
    unit === "MiB"
      ? `파일이 ${(bytes / 1024 / 1024).toFixed(1)} MiB입니다. 포스트모템 파일은 1 MiB까지만 읽습니다`
      : `파일이 ${bytes}바이트입니다. 포스트모템 파일은 1 MiB(${limit}바이트)까지만 읽습니다`,
  "binary-file": () => "바이너리 파일이라 포스트모템이 아닙니다",
  "not-utf8": () => "올바른 UTF-8 텍스트 파일이 아닙니다",
  "unreadable-file": ({ reason }) => `파일을 읽을 수 없습니다 (${reason})`,
  "unreadable-at-head": () => "헤드 커밋에서 읽을 수 없습니다 (일반 파일이 아님)",
  "too-many-files": ({ max }) => `검사하지 않음: 풀 리퀘스트 하나에서 포스트모템은 ${max}개까지만 검사합니다`,
  "no-front-matter": () => "YAML 프런트 매터가 없어 포스트모템이 아닌 파일로 보고 건너뜁니다",
  "identity-ambiguous": ({ candidates }) =>
    `수정된 항목이 ${candidates.map((n) => `#${n}`).join(", ")} 중 어느 이슈인지 알 수 없어 새 이슈를 만듭니다 ({#id}로 ID를 고정하면 고를 수 있습니다)`,
  "identity-joined": ({ number, kind: by }) =>
    `수정된 항목이 계속 ${josa(`#${number}`, "을/를")} 추적합니다 (${by === "tracking" ? "같은 추적 링크" : by === "title" ? "비슷한 제목" : "같은 위치, 비슷한 제목"}). 새 이슈를 만들지 않습니다`,
  "identity-too-many": () =>
    "수정된 항목이 너무 많아 제목으로 맞춰 보지 않았습니다. 같은 추적 링크가 있는 항목만 기존 이슈를 이어 갑니다 ({#id}로 ID를 고정하세요)",
  "unterminated-front-matter": () =>
    '프런트 매터가 "---"로 시작하지만 끝나지 않습니다 (닫는 "---" 줄을 추가하세요)',
  "not-a-mapping": () => "포스트모템의 키(title, date, followups, ...)로 된 매핑이어야 합니다",

  "yaml-too-deep": ({ max }) => `YAML이 ${max}단계보다 깊게 중첩되어 파일을 거부합니다`,
  "yaml-too-many-nodes": ({ max }) => `YAML 노드(키, 값, 목록 항목)가 ${max}개를 넘어 파일을 거부합니다`,
  "yaml-syntax": ({ detail, hint }) => `YAML 문법 오류: ${yamlDetailKo(detail)}${yamlHintKo(hint)}`,
  "yaml-warning": ({ detail }) => `YAML: ${yamlDetailKo(detail)}`,
  "yaml-aliases": ({ max }) => `YAML 별칭(alias)이 노드 ${max}개를 넘게 펼쳐져 파일을 거부합니다`,
  "yaml-unreadable": ({ detail }) => `YAML을 읽을 수 없습니다: ${detail}`,

  "unknown-key": ({ key, suggestion }) =>
    `${josa(`"${key}"`, "은/는")} 알 수 없는 키입니다${suggestion ? `; ${josa(`"${suggestion}"`, "을/를")} 말씀하신 건가요?` : ""}`,
  "invalid-key": ({ key, reason }) =>
    `키 ${josa(`"${key}"`, "이/가")} 올바르지 않습니다: ${renderDetail("ko", reason)}`,
  "missing-key": ({ key }) => `필수 키 ${josa(`"${key}"`, "이/가")} 없습니다`,
  "wrong-type": ({ expected, got, unquoted, quote }) =>
    `${mustBeKo(expected)} 합니다 (지금은 ${shapeKo(got)})` +
    (unquoted !== undefined ? ` (따옴표 없이 쓰세요: ${unquoted})` : "") +
    (quote
      ? ` (YAML은 ${josa(quote.text, "을/를")} ${josa(TYPE_KO[quote.as] ?? quote.as, "으로/로")} 읽습니다: "${quote.text}"처럼 따옴표로 감싸세요)`
      : ""),
  "not-allowed": ({ value, expected, suggestion }) =>
    `${josa(value, "은/는")} 쓸 수 없는 값입니다 (가능한 값: ${list(expected)})${suggestion ? `; ${josa(`"${suggestion}"`, "을/를")} 말씀하신 건가요?` : ""}`,
  "too-many-entries": ({ max }) => `항목이 너무 많습니다 (최대 ${max}개)`,
  "too-long": ({ max }) => `너무 깁니다 (최대 ${max}자)`,
  "too-big": ({ max }) => `${max} 이하여야 합니다`,
  "too-few-entries": ({ min }) => `항목이 ${min}개 이상 있어야 합니다`,
  "empty-text": () => "비워 둘 수 없습니다",
  "too-short": ({ min }) => `너무 짧습니다 (최소 ${min}자)`,
  "too-small": ({ min }) => `${min} 이상이어야 합니다`,
  "bad-format": ({ value }) => `${value}의 형식이 올바르지 않습니다`,
  invalid: ({ detail }) => `올바르지 않은 값입니다: ${detail}`,
  "not-a-date": ({ value }) => `${josa(value, "은/는")} 날짜가 아닙니다 (YYYY-MM-DD 형식으로 쓰세요)`,
  "no-such-month": ({ value, month }) => `${josa(value, "은/는")} 날짜가 아닙니다: ${month}월은 없습니다`,
  "no-such-day": ({ value, year, month, days }) =>
    `${josa(value, "은/는")} 날짜가 아닙니다: ${year}년 ${month}월은 ${days}일까지 있습니다`,
  "date-format": ({ value, fixed }) =>
    `${josa(value, "은/는")} YYYY-MM-DD 형식의 날짜가 아닙니다: ${fixed}처럼 쓰세요`,
  "not-a-datetime": ({ value }) =>
    `${josa(value, "은/는")} 날짜나 시각이 아닙니다 (ISO 8601 형식으로 쓰세요. 예: 2026-03-12T10:02:00+09:00)`,
  "not-a-time-zone": ({ value }) => `${josa(value, "은/는")} IANA 시간대가 아닙니다 (예: UTC, Asia/Seoul)`,
  "bad-colour": () => "1d76db처럼 16진수 6자리 색상이어야 합니다",
  "bad-category-key": () => "분류 키는 소문자로 씁니다",
  "bad-repository-name": () => "acme/api처럼 owner/name 형식의 저장소여야 합니다",
  "bad-id-format": () => "소문자, 숫자, 대시(-)만 쓸 수 있고 문자나 숫자로 시작해야 합니다",
  "bad-owner-format": () => "GitHub 로그인이나 org/team이어야 합니다",

  "unknown-severity": ({ value, expected }) =>
    `${josa(`"${value}"`, "은/는")} 심각도가 아닙니다 (가능한 값: ${list(expected)})`,
  "no-root-cause": () =>
    "root_cause가 없습니다: 후속 조치를 원인까지 추적할 수 있도록 5 Whys나 피시본 다이어그램을 적으세요",
  "duplicate-id": ({ id, line, first }) =>
    `id ${josa(`"${id}"`, "이/가")} 중복됩니다 (처음 쓴 곳: ${line}번째 줄, ${first})`,
  "too-many-followups": ({ count, max }) =>
    `후속 조치가 ${count}건입니다. 포스트모템 하나에 ${max}건까지 쓸 수 있습니다 (파일을 나누거나 작은 항목을 묶으세요)`,
  "no-followups": () => "short_term이나 long_term 아래에 후속 조치가 없습니다",
  "bad-id": ({ id, suggestion }) =>
    `${josa(JSON.stringify(id), "은/는")} 올바른 id가 아닙니다: 소문자, 숫자, 대시(-)만 쓰고 문자나 숫자로 시작하세요` +
    (suggestion
      ? `; ${josa(`"${suggestion}"`, "을/를")} 말씀하신 건가요?`
      : " (id는 바뀌지 않는 키입니다. 제목은 어떤 언어로 써도 됩니다)"),
  "unknown-category": ({ value, expected, suggestion }) =>
    `${josa(`"${value}"`, "은/는")} 분류가 아닙니다 (가능한 값: ${list(expected)})${suggestion ? `; ${josa(`"${suggestion}"`, "을/를")} 말씀하신 건가요?` : ""}`,
  "bad-owner": ({ owner }) =>
    `${josa(JSON.stringify(owner), "은/는")} GitHub 로그인이나 org/team이 아닙니다: GitHub 로그인(예: alice)이나 org/team을 쓰세요`,
  "several-owners": ({ owner }) =>
    `${josa(JSON.stringify(owner), "은/는")} GitHub 로그인이나 org/team이 아닙니다: 후속 조치의 담당자는 한 명입니다 (담당자마다 후속 조치를 나누거나 팀을 쓰세요)`,
  "owner-is-email": ({ owner }) =>
    `${josa(JSON.stringify(owner), "은/는")} GitHub 로그인이나 org/team이 아닙니다: 이메일 주소가 아니라 GitHub 로그인을 쓰세요`,
  "no-owner": () => "담당자(owner)가 없습니다: 담당자가 없는 후속 조치는 끝나지 않기 쉽습니다",
  "no-description": () => "설명(description)이 없습니다: 무엇이 되면 완료인지 적으세요",
  "due-before-incident": ({ due, incident }) =>
    `기한 ${josa(due, "이/가")} 장애 날짜 ${incident}보다 앞섭니다`,
  "markdown-no-section": ({ headings }) =>
    headings.length === 0
      ? '후속 조치 섹션(예: "## 재발 방지 계획")이 없습니다. 이 파일에는 제목이 하나도 없습니다'
      : `후속 조치 섹션(예: "## 재발 방지 계획")이 없습니다. 이 파일의 제목: ${list(headings)}`,
  "markdown-no-items": ({ section }) =>
    `"${section}"에서 항목을 찾지 못했습니다: 후속 조치를 목록 항목, 할 일("- [ ] ...") 또는 표의 행으로 쓰세요`,
  "markdown-no-date": () =>
    '장애 날짜가 없습니다: "날짜: YYYY-MM-DD" 줄, 프런트 매터의 `date` 키 또는 YYYY-MM-DD로 시작하는 파일 이름을 쓰세요',
  "markdown-unknown-owner": ({ owner }) =>
    `담당자 ${josa(`"${owner}"`, "은/는")} GitHub 로그인이 아니어서 텍스트로 남깁니다 (설정의 \`owners:\`에서 로그인이나 org/team에 연결하세요)`,

  "markdown-no-evidence": () =>
    "이 항목에는 검증 근거가 없습니다 (검증 열이나 `검증:` 줄을 추가하세요). 이슈에 그렇게 적고 닫을 때 근거를 요청합니다",
  "missing-validation": () =>
    `검증 방법(validation)이 없습니다: 해결책의 효과를 확인할 ${EVIDENCE_KINDS_KO} 중 하나 이상을 적으세요`,
  "empty-validation": () =>
    `검증 방법(validation)이 비어 있습니다: 해결책의 효과를 확인할 ${EVIDENCE_KINDS_KO} 중 하나 이상을 적으세요`,
  "validation-commented-out": ({ quoted }) =>
    `검증 방법(validation)이 비어 있습니다: YAML에서는 따옴표 없는 #부터 주석이므로 ${quoted}처럼 따옴표로 감싸세요`,
  "empty-entry-commented-out": ({ quoted }) =>
    `빈 항목입니다: YAML에서는 따옴표 없는 #부터 주석이므로 ${quoted}처럼 따옴표로 감싸세요`,
  "validation-not-a-list": ({ value }) =>
    `목록이어야 합니다 (지금은 텍스트 ${JSON.stringify(value)}): validation: [${JSON.stringify(value)}]처럼 쓰거나, 아래에 항목마다 "- " 줄을 쓰세요`,
  "bad-evidence": ({ text }) =>
    `${josa(`"${text}"`, "은/는")} https URL도, 저장소 경로도, "#123" 같은 풀 리퀘스트나 이슈도 아닙니다`,
  "evidence-web-address": ({ text }) =>
    `${josa(`"${text}"`, "은/는")} https:// 없는 웹 주소로 보입니다: https://${text}처럼 쓰세요 (이 저장소의 파일이라면 ./${text})`,
  "evidence-absolute-path": ({ text }) =>
    `${josa(`"${text}"`, "은/는")} 절대 경로입니다. 저장소 루트를 기준으로 한 상대 경로로 쓰세요`,
  "evidence-outside-repo": ({ text }) => `${josa(`"${text}"`, "은/는")} 저장소 밖을 가리킵니다 ("..")`,
  "evidence-repository-root": ({ text }) =>
    `"${text}": 저장소 전체를 가리키므로 증거가 되지 않습니다. 해결책이 동작함을 보여 주는 테스트, 파일 또는 디렉터리를 쓰세요`,
  "evidence-fragment": ({ text, path }) =>
    `"${text}": 저장소 경로로는 파일 안의 위치를 가리킬 수 없습니다. ${path}처럼 쓰거나, GitHub에서 그 줄을 가리키는 https 링크를 쓰세요`,
  "evidence-several-references": ({ text, references }) =>
    `"${text}"에 참조가 ${references.length}개 있습니다: 각각(${list(references)})을 별도 항목으로 쓰세요`,
  "evidence-reference-with-text": ({ text, reference }) =>
    `"${text}": "${reference}"만 쓰세요 (항목 하나에 참조 하나, 설명은 description에 쓰세요)`,
  "evidence-bad-url": ({ text }) => `${josa(`"${text}"`, "은/는")} 올바른 URL이 아닙니다`,
  "evidence-not-https": ({ text }) => `"${text}": https 주소여야 합니다`,
  "evidence-credentials": () => "URL에 자격 증명을 넣으면 안 됩니다",

  "config-too-large": ({ bytes, max }) =>
    `설정 파일이 ${bytes}바이트입니다. 설정 파일은 ${max}바이트까지만 읽습니다`,
  "config-unreadable": ({ detail }) => `설정 파일을 읽을 수 없습니다: ${detail}`,
  "glob-too-many-wildcards": ({ count, max }) =>
    `이 글롭에는 와일드카드가 ${count}개 있습니다. 글롭 하나에 ${max}개까지 쓸 수 있습니다 (*, **, ?, [...]를 하나씩 세고, {...}는 첫 번째 뒤의 선택지를 하나씩 셉니다). ` +
    '포스트모템은 어차피 마크다운과 YAML 파일만 읽으므로 보통 "postmortems/**"로 충분합니다',
  "glob-too-many-stars": ({ count, max }) =>
    `이 글롭에는 두 슬래시(/) 사이에 별표(*)가 ${count}개 있습니다. 경로의 한 구간에는 ${max}개까지 쓸 수 있습니다`,
  "glob-extglob": ({ text }) =>
    `${text} 같은 확장 글롭(extglob)은 지원하지 않습니다 (일치 여부를 확인하는 데 몇 분이 걸릴 수 있습니다). 선택지는 {a,b}처럼 쓰세요`,
  "extends-malformed": ({ value }) =>
    `_extends 값 ${JSON.stringify(value)}: 저장소를 가리키는 값이 아닙니다. repo, owner/repo, owner/repo:path.yml 형식으로 쓰세요`,
  "extends-not-found": ({ target }) =>
    `_extends가 가리키는 ${target} 설정을 읽을 수 없습니다: GitHub가 404로 답했습니다 (저장소나 파일이 없거나, 앱이 그 저장소에 설치되어 있지 않습니다). ${NOTHING_WRITTEN_KO}`,
  "extends-forbidden": ({ target }) =>
    `_extends가 가리키는 ${target} 설정을 앱이 읽을 권한이 없습니다: GitHub가 403으로 답했습니다. ${NOTHING_WRITTEN_KO}`,
  "extends-invalid": ({ target, detail }) =>
    `_extends가 가리키는 ${target} 설정이 올바르지 않습니다: ${detail}. ${NOTHING_WRITTEN_KO}`,
};

export const PROBLEM_MESSAGES: Record<Language, Renderers> = { en, ko };

/** Every code of the catalog (the evidence codes are rendered by src/domain/validation/messages.ts). */
export const CATALOG_CODES = Object.keys(en) as CatalogCode[];

/** A problem's message in a language. */
export function renderDetail(language: Language, problem: ProblemDetail): string {
  const render = PROBLEM_MESSAGES[language][problem.code] as (params: ProblemDetail["params"]) => string;
  return render(problem.params);
}

/**
 * Custom messages of the zod schemas. A schema cannot know the language it will be reported in,
 * so its custom messages are codes (`schemaMessage("bad-colour")`), rendered by zodProblems.
 */
export type SchemaCode =
  | "not-a-date"
  | "not-a-datetime"
  | "not-a-time-zone"
  | "bad-colour"
  | "bad-category-key"
  | "bad-repository-name"
  | "bad-id-format"
  | "bad-owner-format"
  | "bad-glob"
  | "bad-extends";

const SCHEMA_PREFIX = "postmortem-followups:";

export function schemaMessage(code: SchemaCode): string {
  return `${SCHEMA_PREFIX}${code}`;
}

/** The problem a schema's custom message stands for, given the value that failed. */
export function schemaDetail(message: string, input: unknown): ProblemDetail | undefined {
  if (!message.startsWith(SCHEMA_PREFIX)) return undefined;
  const code = message.slice(SCHEMA_PREFIX.length) as SchemaCode;
  const value = JSON.stringify(input) ?? String(input);
  switch (code) {
    case "not-a-date":
    case "not-a-datetime":
    case "not-a-time-zone":
      return { code, params: { value } };
    case "bad-colour":
    case "bad-category-key":
    case "bad-repository-name":
    case "bad-id-format":
    case "bad-owner-format":
      return { code, params: {} };
    case "bad-glob": {
      const issue = typeof input === "string" ? globIssue(input) : undefined;
      if (issue?.kind === "too-many-wildcards")
        return { code: "glob-too-many-wildcards", params: { count: issue.count, max: issue.max } };
      if (issue?.kind === "too-many-stars")
        return { code: "glob-too-many-stars", params: { count: issue.count, max: issue.max } };
      if (issue?.kind === "extglob") return { code: "glob-extglob", params: { text: issue.text } };
      if (issue?.kind === "too-long") return { code: "too-long", params: { max: issue.max } };
      return undefined;
    }
    case "bad-extends":
      return { code: "extends-malformed", params: { value: String(input) } };
    default:
      return undefined;
  }
}

/**
 * Reading one postmortem file: size, encoding and front matter first; then the precise format (YAML
 * front matter with `followups`, or a .yml file) through the schema and the per-item checks, or any
 * other Markdown through the Markdown reader (./markdown/).
 * Longer than 350 lines: the per-item checks the schema cannot express (ids, categories, owners,
 * evidence, dates) read best next to the parse that positions them.
 */
import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";
import { isScalar } from "yaml";
import { detail, type ProblemDetail, renderDetail } from "../../text/catalog/index.js";
import { defaultCategoryName, TERMS } from "../../text/catalog/labels.js";
import { LANGUAGES } from "../../text/language.js";
import { LANGUAGE_DEFAULTS } from "../config/defaults.js";
import type { Config, Language } from "../config/schema.js";
import { OWNER_PATTERN } from "../config/schema.js";
import type { Problem } from "../diagnostics/problem.js";
import { closest } from "../diagnostics/suggest.js";
import {
  nodeAt,
  parseYamlSource,
  problemAt,
  schemaKeysAt,
  spanAt,
  toPlain,
  type YamlSource,
  zodProblems,
} from "../diagnostics/yaml-source.js";
import { checkEvidence, evidenceRules } from "../validation/evidence.js";
import { markdownParseResult } from "./from-markdown.js";
import { markdownEvidenceProblems } from "./markdown/evidence.js";
import { readMarkdownPostmortem } from "./markdown/read.js";
import type { ParsedFollowup, ParseResult, PostmortemScope } from "./result.js";
import { FOLLOWUP_ID_PATTERN, followupSchema, LIMITS, type Postmortem, postmortemSchema } from "./schema.js";

export type { ParsedFollowup, ParseResult };

export interface ParseOptions {
  githubHost?: string;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The problem of a file over the size limit (callers that only stat a file use it too). */
export function tooLargeProblem(file: string, bytes: number, language: Language): Problem {
  return fileLevelProblem(
    file,
    detail("file-too-large", { bytes, limit: LIMITS.fileBytes, unit: "bytes" }),
    language,
  );
}

/** A problem of the file as a whole, at 1:1 (too large, binary, unreadable, ...). */
export function fileLevelProblem(
  file: string,
  problem: ProblemDetail,
  language: Language,
  severity: Problem["severity"] = "error",
  line = 1,
): Problem {
  return {
    file,
    line,
    column: 1,
    severity,
    path: "",
    code: problem.code,
    message: renderDetail(language, problem),
  };
}

export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/** Parse a postmortem file: Markdown with YAML front matter, or a plain YAML file. Never throws. */
export function parsePostmortem(
  file: string,
  content: string | Uint8Array,
  config: Config,
  opts: ParseOptions = {},
): ParseResult {
  const format = isYamlFile(file) ? "yaml" : "markdown";
  const { language } = config;
  const fail = (problem: Problem): ParseResult => ({
    file,
    format,
    postmortem: null,
    followups: [],
    problems: [problem],
  });

  const size = typeof content === "string" ? Buffer.byteLength(content) : content.byteLength;
  if (size > LIMITS.fileBytes) return fail(tooLargeProblem(file, size, language));
  let text: string;
  if (typeof content === "string") {
    text = content;
  } else {
    if (content.subarray(0, 8000).includes(0))
      return fail(fileLevelProblem(file, detail("binary-file"), language));
    try {
      text = decoder.decode(content);
    } catch {
      return fail(fileLevelProblem(file, detail("not-utf8"), language));
    }
  }
  if (text.slice(0, 8000).includes("\u0000"))
    return fail(fileLevelProblem(file, detail("binary-file"), language));
  text = text.replace(/^\uFEFF/, "");

  let yamlText = text;
  let lineOffset = 0;
  if (format === "markdown") {
    const block = frontMatter(text);
    // Front matter with `followups` is the precise format; any other Markdown is read as teams
    // write it (config `format`), unless the config asks for front matter only.
    if (config.format === "markdown" || (config.format !== "front-matter" && !block))
      return readPlainMarkdown(file, text, config);
    if (!block) {
      return {
        file,
        format,
        skipped: renderDetail(language, detail("no-front-matter")),
        postmortem: null,
        followups: [],
        problems: [],
      };
    }
    if (block.unterminated)
      return fail(fileLevelProblem(file, detail("unterminated-front-matter"), language));
    yamlText = block.yaml;
    lineOffset = 1;
  }

  const source = parseYamlSource(file, yamlText, lineOffset, language);
  if (source.problems.some((p) => p.severity === "error"))
    return { file, format, postmortem: null, followups: [], problems: source.problems };
  const plain = toPlain(source);
  if (!plain.ok) return { file, format, postmortem: null, followups: [], problems: [plain.problem] };
  if (plain.value === null || typeof plain.value !== "object" || Array.isArray(plain.value)) {
    return fail(fileLevelProblem(file, detail("not-a-mapping"), language, "error", 1 + lineOffset));
  }
  // A valid front matter without `followups` (a blog's title/publishDate/slug, a template's own
  // keys): the follow-ups are in the text, as teams write them.
  if (format === "markdown" && config.format === "auto" && !("followups" in plain.value))
    return readPlainMarkdown(file, text, config);
  return checkPostmortem(source, plain.value as Record<string, unknown>, config, opts, format);
}

/** A postmortem without our front matter, through the Markdown reader (./markdown/read.ts). */
function readPlainMarkdown(file: string, text: string, config: Config): ParseResult {
  const read = readMarkdownPostmortem(file, text, {
    language: config.language,
    sections: config.markdown.sections,
    owners: config.markdown.owners,
    defaultTerm: config.markdown.defaultTerm,
    shortTermDays: config.dueDays.short_term,
    categories: Object.keys(config.categories),
  });
  const result = markdownParseResult(read);
  result.problems.push(...markdownEvidenceProblems(file, read.items, config));
  // No follow-up section: not a postmortem of ours, and the note says what the file has instead.
  // The note is the one report (lint prints it, the check lists the file with it), not also its problems.
  if (read.found !== undefined) {
    result.skipped = read.found;
    result.problems = [];
  }
  return result;
}

/**
 * Locate the front-matter block. Written by hand rather than with gray-matter: we need the exact
 * line where the YAML starts so positions are reported in file coordinates, and gray-matter parses
 * with js-yaml, which loses the node ranges the yaml library gives us.
 */
function frontMatter(text: string): { yaml: string; unterminated?: boolean } | null {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trimEnd() !== "---") return null;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (line === "---" || line === "...") return { yaml: lines.slice(1, i).join("\n") };
  }
  return { yaml: "", unterminated: true };
}

function checkPostmortem(
  source: YamlSource,
  value: Record<string, unknown>,
  config: Config,
  opts: ParseOptions,
  format: ParseResult["format"],
): ParseResult {
  const { file } = source;
  const problems: (Problem & { fromSchema?: boolean })[] = [...source.problems];
  // Follow-ups past the limit are reported once (below) and not looked at: neither the schema nor
  // the per-item checks see them, so a file of 10,000 follow-ups costs what one of 200 does.
  const total = followupCount(value);
  const checked = total > LIMITS.followupsPerFile ? withFollowupsCut(value, LIMITS.followupsPerFile) : value;
  // `key:` with nothing after it is the same as leaving the key out (our checks below still see
  // the nulls, to explain them: "no owner", "validation is empty", an unquoted #123).
  const result = postmortemSchema.safeParse(withoutNullValues(checked), { reportInput: true });
  if (!result.success) {
    for (const p of zodProblems(source, result.error, [], (at) => schemaKeysAt(postmortemSchema, at)))
      problems.push({ ...p, fromSchema: true });
  }
  const postmortem = result.success ? result.data : null;

  // Checks against the config, and per-item checks that the schema cannot express.
  const severity = value.severity;
  if (typeof severity === "string" && !config.severities.includes(severity)) {
    problems.push(
      problemAt(
        source,
        ["severity"],
        "error",
        detail("unknown-severity", { value: severity, expected: config.severities }),
      ),
    );
  }
  if (value.root_cause === undefined || value.root_cause === null) {
    problems.push(problemAt(source, ["root_cause"], "warning", detail("no-root-cause"), { at: "key" }));
  }
  if (typeof value.date === "string") {
    const wrong = dateProblem(value.date);
    if (wrong) problems.push(problemAt(source, ["date"], "error", wrong));
  }
  problems.push(...misspeltKeys(source, value));

  const followups: ParsedFollowup[] = [];
  const seen = new Map<string, { line: number; path: string }>();
  const incidentDate = typeof value.date === "string" && isCalendarDate(value.date) ? value.date : undefined;
  const lists = (checked.followups ?? {}) as Record<string, unknown>;
  for (const term of TERMS) {
    const list = typeof lists === "object" && lists !== null ? lists[term] : undefined;
    if (!Array.isArray(list)) continue;
    list.forEach((raw, index) => {
      const path = ["followups", term, index];
      const { line } = spanAt(source, path);
      const item = followupSchema.safeParse(withoutNullValues(raw), { reportInput: true });
      const itemProblems = checkFollowup(source, path, raw, config, opts, incidentDate);
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === "string") {
        const first = seen.get(id);
        if (first) {
          itemProblems.push(
            problemAt(
              source,
              [...path, "id"],
              "error",
              detail("duplicate-id", { id, line: first.line, first: first.path }),
            ),
          );
        } else {
          seen.set(id, { line, path: `followups.${term}[${index}]` });
        }
      }
      problems.push(...itemProblems);
      if (item.success && !itemProblems.some((p) => p.severity === "error"))
        followups.push({ ...item.data, term, index, line });
    });
  }
  if (total > LIMITS.followupsPerFile) {
    problems.push(
      problemAt(
        source,
        ["followups"],
        "error",
        detail("too-many-followups", { count: total, max: LIMITS.followupsPerFile }),
        { at: "key" },
      ),
    );
  }
  if (result.success && total === 0) {
    problems.push(problemAt(source, ["followups"], "warning", detail("no-followups")));
  }

  // Where a check of ours explains a value better than the schema's generic message, keep ours.
  const explained = new Set(
    problems.filter((p) => p.severity === "error" && !p.fromSchema).map((p) => p.path),
  );
  const kept = problems.filter((p) => !(p.fromSchema && explained.has(p.path)));
  for (const p of kept) delete p.fromSchema;
  const sorted = kept.sort((a, b) => a.line - b.line || a.column - b.column);
  const scope = postmortem ? scopeOf(source, postmortem) : undefined;
  return { file, format, postmortem, followups, problems: sorted, ...(scope ? { scope } : {}) };
}

/** `services:` and `tags:` with the position of each entry (the schema has checked and trimmed them). */
function scopeOf(source: YamlSource, postmortem: Postmortem): PostmortemScope | undefined {
  const at = (key: "services" | "tags") =>
    (postmortem[key] ?? []).map((name, i) => {
      const { line, column } = spanAt(source, [key, i]);
      return { name, line, column };
    });
  const scope = { services: at("services"), tags: at("tags") };
  return scope.services.length + scope.tags.length > 0 ? scope : undefined;
}

function checkFollowup(
  source: YamlSource,
  path: (string | number)[],
  raw: unknown,
  config: Config,
  opts: ParseOptions,
  incidentDate: string | undefined,
): Problem[] {
  const problems: Problem[] = [];
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return problems; // the schema reports it
  const item = raw as Record<string, unknown>;

  if (typeof item.id === "string" && !FOLLOWUP_ID_PATTERN.test(item.id)) {
    problems.push(problemAt(source, [...path, "id"], "error", idProblem(item.id)));
  }
  if (typeof item.category === "string" && !(item.category in config.categories)) {
    const keys = Object.keys(config.categories);
    const guess = categoryByName(item.category, config) ?? closest(item.category, keys);
    problems.push(
      problemAt(
        source,
        [...path, "category"],
        "error",
        detail("unknown-category", {
          value: item.category,
          expected: keys,
          ...(guess ? { suggestion: guess } : {}),
        }),
      ),
    );
  }

  const validation = item.validation;
  const missing =
    validation === undefined || validation === null || (Array.isArray(validation) && validation.length === 0);
  if (missing) {
    const message =
      validation === undefined
        ? detail("missing-validation")
        : validation === null && commentedOutReference(source, [...path, "validation"])
          ? detail("validation-commented-out", { quoted: quotedReference(source, [...path, "validation"]) })
          : detail("empty-validation");
    const problem =
      validation === undefined
        ? problemAt(source, path, config.validation.required ? "error" : "warning", message)
        : problemAt(
            source,
            [...path, "validation"],
            config.validation.required ? "error" : "warning",
            message,
          );
    problem.path = [...path, "validation"].reduce<string>(
      (acc, k) => (typeof k === "number" ? `${acc}[${k}]` : acc ? `${acc}.${k}` : k),
      "",
    );
    problems.push(problem);
  } else if (typeof validation === "string") {
    // Suggest the list form only when the text would be valid evidence in it (else the suggestion
    // is the next error): otherwise say what evidence can be.
    const asEntry = checkEvidence(
      validation,
      evidenceRules(config.validation, opts.githubHost ?? "github.com"),
    );
    problems.push(
      problemAt(
        source,
        [...path, "validation"],
        "error",
        asEntry.ok
          ? detail("validation-not-a-list", { value: validation })
          : detail("validation-text-not-evidence", { value: validation }),
      ),
    );
  } else if (Array.isArray(validation)) {
    // Entries past the limit are not checked one by one (the schema reports the limit once).
    validation.slice(0, LIMITS.validationEntries).forEach((entry, i) => {
      const at = [...path, "validation", i];
      if (entry === null || entry === undefined) {
        problems.push(
          problemAt(
            source,
            at,
            "error",
            detail("empty-entry-commented-out", { quoted: quotedReference(source, at) }),
          ),
        );
      } else if (typeof entry === "string" && entry.trim() !== "") {
        const classified = checkEvidence(
          entry,
          evidenceRules(config.validation, opts.githubHost ?? "github.com"),
        );
        if (!classified.ok) problems.push(problemAt(source, at, "error", classified.problem));
      }
    });
  }

  if (typeof item.owner === "string" && !OWNER_PATTERN.test(item.owner)) {
    problems.push(problemAt(source, [...path, "owner"], "error", ownerProblem(item.owner)));
  }
  if (typeof item.due === "string") {
    const wrong = dateProblem(item.due);
    if (wrong) problems.push(problemAt(source, [...path, "due"], "error", wrong));
  }
  // A misspelt key (`descripton`) is reported as unknown with its suggestion by the schema: the key
  // it stands for is not also reported as missing (one mistake, one problem).
  const known = schemaKeysAt(followupSchema, []);
  const misspelt = new Set(
    Object.keys(item)
      .filter((key) => !known.includes(key))
      .map((key) => closest(key, known)),
  );
  if ((item.owner === undefined || item.owner === null) && !misspelt.has("owner")) {
    problems.push(warningAtItem(source, path, "owner", detail("no-owner")));
  }
  if (
    (item.description === undefined || item.description === null || item.description === "") &&
    !misspelt.has("description")
  ) {
    problems.push(warningAtItem(source, path, "description", detail("no-description")));
  }
  if (typeof item.due === "string" && incidentDate && isCalendarDate(item.due) && item.due < incidentDate) {
    problems.push(
      problemAt(
        source,
        [...path, "due"],
        "warning",
        detail("due-before-incident", { due: item.due, incident: incidentDate }),
      ),
    );
  }
  return problems;
}

/**
 * The postmortem and its root_cause accept keys of other tools (front matter is shared with site
 * generators), so an unknown key is not an error there; but one that looks like a misspelt key of
 * ours is almost certainly a typo, and silently ignoring it would lose data.
 */
/** What other templates call the follow-up list: read as a misspelling of `followups`, never dropped silently. */
const FOLLOWUP_LIST_NAMES = new Map(
  [
    "action_items",
    "action-items",
    "actionitems",
    "actions",
    "action_plan",
    "remediation",
    "remediations",
    "todos",
  ].map((name) => [name, "followups"] as const),
);

function misspeltKeys(source: YamlSource, value: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const scopes: (readonly string[])[] = [[], ["root_cause"]];
  for (const at of scopes) {
    const object = at.length === 0 ? value : value[at[0]!];
    if (object === null || typeof object !== "object" || Array.isArray(object)) continue;
    const known = schemaKeysAt(postmortemSchema, at);
    for (const key of Object.keys(object)) {
      if (known.includes(key)) continue;
      const guess =
        (at.length === 0 ? FOLLOWUP_LIST_NAMES.get(key.toLowerCase()) : undefined) ?? closest(key, known);
      if (guess)
        problems.push(
          problemAt(source, [...at, key], "warning", detail("unknown-key", { key, suggestion: guess }), {
            at: "key",
          }),
        );
    }
  }
  return problems;
}

/** The follow-ups under `followups.short_term` and `followups.long_term`, in all. */
function followupCount(value: Record<string, unknown>): number {
  const lists = value.followups;
  if (lists === null || typeof lists !== "object") return 0;
  let total = 0;
  for (const term of TERMS) {
    const list = (lists as Record<string, unknown>)[term];
    if (Array.isArray(list)) total += list.length;
  }
  return total;
}

/** The postmortem with only its first `max` follow-ups (short_term first, then long_term). */
function withFollowupsCut(value: Record<string, unknown>, max: number): Record<string, unknown> {
  const lists = value.followups as Record<string, unknown>;
  const cut: Record<string, unknown> = { ...lists };
  let left = max;
  for (const term of TERMS) {
    const list = cut[term];
    if (!Array.isArray(list)) continue;
    cut[term] = list.slice(0, left);
    left -= Math.min(left, list.length);
  }
  return { ...value, followups: cut };
}

/** Mapping keys whose value is empty (null) are dropped, at every depth; list entries are kept. */
export function withoutNullValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullValues);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== null) out[key] = withoutNullValues(entry);
  }
  return out;
}

/** `validation: #123` parses as an empty value with the comment "123". */
function commentedOutReference(source: YamlSource, path: (string | number)[]): boolean {
  const { node, exact } = nodeAt(source, path);
  return exact && isScalar(node) && node.value === null && /^\s*\d/.test(node.comment ?? "");
}

function warningAtItem(
  source: YamlSource,
  path: (string | number)[],
  key: string,
  message: ProblemDetail,
): Problem {
  const { node } = nodeAt(source, path);
  const problem = problemAt(source, path, "warning", message);
  if (node?.range) problem.endLine = problem.line;
  problem.path = `${problem.path}.${key}`;
  return problem;
}

function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isValid(parseISO(value));
}

/**
 * Why a date is not a YYYY-MM-DD calendar date, with the fix when there is one: `2026-3-5` ->
 * write 2026-03-05; `2026-02-30` -> February 2026 has 28 days. Undefined for a good date.
 */
export function dateProblem(value: string): ProblemDetail | undefined {
  if (isCalendarDate(value)) return undefined;
  const quoted = JSON.stringify(value);
  const parts = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$/.exec(value);
  if (!parts) return detail("not-a-date", { value: quoted });
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (month < 1 || month > 12) return detail("no-such-month", { value: quoted, month: parts[2]! });
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return detail("no-such-day", { value: quoted, year, month, days });
  const fixed = `${parts[1]}-${parts[2]!.padStart(2, "0")}-${parts[3]!.padStart(2, "0")}`;
  return detail("date-format", { value: quoted, fixed });
}

function idProblem(id: string): ProblemDetail {
  const slug = id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug && FOLLOWUP_ID_PATTERN.test(slug) && slug.length <= LIMITS.idLength)
    return detail("bad-id", { id, suggestion: slug });
  return detail("bad-id", { id });
}

function ownerProblem(owner: string): ProblemDetail {
  if (/[,;\s]/.test(owner.trim()) && owner.split(/[,;\s]+/).filter(Boolean).length > 1)
    return detail("several-owners", { owner });
  if (owner.includes("@") && !owner.startsWith("@")) return detail("owner-is-email", { owner });
  return detail("bad-owner", { owner });
}

/**
 * A category written as its label or its name in either language ("시스템 개선", "분류: 시스템 개선",
 * "System", or the start of one, "시스템") -> its key.
 */
function categoryByName(value: string, config: Config): string | undefined {
  const wanted = normalizeName(value);
  if (!wanted) return undefined;
  const names = new Map<string, string>();
  for (const [key, spec] of Object.entries(config.categories)) {
    const candidates = [
      key,
      spec.name,
      ...Object.values(LANGUAGE_DEFAULTS).map((d) => d.categories[key]?.label),
    ];
    for (const language of LANGUAGES) candidates.push(defaultCategoryName(language, key));
    for (const candidate of candidates) {
      if (!candidate) continue;
      names.set(normalizeName(candidate), key);
      const unprefixed = candidate.replace(/^[^:]+:\s*/, "");
      names.set(normalizeName(unprefixed), key);
    }
  }
  const exact = names.get(wanted);
  if (exact) return exact;
  // A word of a name ("시스템" for "시스템 개선"), when it names one category only.
  const partial = new Set<string>();
  for (const [name, key] of names) {
    if (wanted.length >= 2 && name.split(" ").includes(wanted)) partial.add(key);
  }
  return partial.size === 1 ? [...partial][0] : undefined;
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, " ");
}

/** `- #12` in a validation list: the reference the comment swallowed, quoted ("#12"). */
function quotedReference(source: YamlSource, path: (string | number)[]): string {
  const { line, column } = spanAt(source, path);
  const text = source.lines[line - 1 - source.lineOffset] ?? "";
  const reference = /#\s*(\d+)/.exec(text.slice(Math.max(0, column - 1)))?.[1];
  return `"#${reference ?? "123"}"`;
}

import {
  Composer,
  CST,
  type Document,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  type Node,
  type Pair,
  Parser,
  parseDocument,
  type YAMLMap,
  YAMLParseError,
} from "yaml";
import type { z } from "zod";
import {
  detail,
  type ProblemDetail,
  renderDetail,
  type ValueShape,
  type YamlHint,
} from "../../text/catalog/index.js";
import type { Language } from "../../text/language.js";
import { formatPath, type Problem, type Severity } from "./problem.js";
import { schemaDetail } from "./schema-codes.js";
import { closest } from "./suggest.js";

/** Hangul jamo and syllables: a Korean word. */
const HANGUL = /[\u3131-\u318e\uac00-\ud7a3]/;

/**
 * A YAML text parsed with positions. `offset` and `lineOffset` place the text inside a larger
 * file (the front matter of a Markdown file), so every position is reported in file coordinates.
 */
export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  lineOffset: number;
  /** The YAML text's lines (line N of the file is `lines[N - 1 - lineOffset]`). */
  lines: string[];
  /** The language of the problems' messages. */
  language: Language;
  problems: Problem[];
}

/** YAML alias expansion bound ("billion laughs"): the yaml library counts expanded nodes. */
export const MAX_ALIAS_COUNT = 1000;

/**
 * Nesting bound. A legitimate postmortem or config nests a handful of levels; a hostile 1 MiB file of
 * `[[[[…` or `- - - …` nests half a million, which the yaml library only gives up on (stack
 * overflow) after seconds of CPU, blocking the server. A linear pre-scan refuses it in milliseconds.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * Offset where the nesting first exceeds `max` levels, or -1. Counts flow collections (`[`, `{`)
 * and `- - -` chains that start where a YAML value can start (line start, after `: `, `- `, `[`,
 * `{` or `,`), skipping quoted scalars and comments, so brackets inside plain text do not count.
 */
export function nestingBeyond(text: string, max = MAX_NESTING_DEPTH): number {
  let flow = 0;
  let dashes = 0;
  let prev = "\n"; // previous non-space character on this line ("\n" at a line start)
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") {
      prev = "\n";
      dashes = 0;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") continue;
    const valueStart =
      prev === "\n" || prev === ":" || prev === "-" || prev === "[" || prev === "{" || prev === ",";
    if (c === "#" && (prev === "\n" || text[i - 1] === " " || text[i - 1] === "\t")) {
      const end = text.indexOf("\n", i);
      if (end < 0) break;
      i = end - 1;
      continue;
    }
    if ((c === '"' || c === "'") && valueStart) {
      for (i++; i < text.length; i++) {
        if (c === '"' && text[i] === "\\") i++;
        else if (text[i] === c) {
          if (c === "'" && text[i + 1] === "'") i++;
          else break;
        }
      }
      prev = c;
      continue;
    }
    if ((c === "[" || c === "{") && valueStart) {
      if (++flow > max) return i;
    } else if ((c === "]" || c === "}") && flow > 0) {
      flow--;
    } else if (c === "-" && (prev === "\n" || prev === "-") && /[ \t]/.test(text[i + 1] ?? "")) {
      if (++dashes > max) return i;
    }
    prev = c;
  }
  return -1;
}

/**
 * Size bound, in YAML nodes: every key, every value and every list item counts one. A postmortem at
 * the follow-up limit (200 follow-ups of about 30 nodes each, evidence included) has about 6,000, a
 * config a few hundred; 20,000 leaves room for long timelines and root-cause lists and still bounds
 * everything that runs per node after parsing (the schema, per-key problems, annotations). A hostile
 * 1 MiB file of short keys has over 100,000: it is refused while it is read, at 20,000, so refusing it
 * costs the same whatever the file's size.
 */
export const MAX_YAML_NODES = 20_000;

/**
 * Work counters of the YAML reader, cumulative over the process: lexemes read, mapping keys checked
 * for duplicates, and keys indexed for lookups by path (problemAt and friends). Tests and
 * benchmarks bound the work by counting them, never by timing.
 */
export const yamlWork = { lexemes: 0, keys: 0, indexed: 0 };

/**
 * The yaml library's parseDocument, with the lexer's tokens counted on the way (the documented
 * "user-provided lexer" use of its Parser): nodes are counted as their indicators go by (`key:`,
 * `? key` and a flow map entry count two, a key and its value; `- item` and a flow sequence entry
 * one), an upper bound of the document's nodes. Past MAX_YAML_NODES reading stops, before anything
 * is composed: `tooMany` is the offset where the bound was passed.
 */
function readBounded(
  text: string,
  lineCounter: LineCounter,
): { doc: Document.Parsed; tooMany?: undefined } | { tooMany: number } {
  const parser = new Parser(lineCounter.addNewLine);
  let tooMany = -1;
  function* tokens() {
    let nodes = 0;
    let scalarText = false; // the lexeme after the SCALAR marker is a scalar's text, never an indicator
    const flow: string[] = []; // the open flow collections, `{` or `[`
    lineCounter.addNewLine(0);
    for (const lexeme of new Lexer().lex(text)) {
      yamlWork.lexemes++;
      if (scalarText) {
        scalarText = false;
      } else {
        const inMap = flow[flow.length - 1] === "{";
        switch (lexeme) {
          case CST.SCALAR:
            scalarText = true;
            break;
          case CST.DOCUMENT:
          case CST.FLOW_END:
            flow.length = 0;
            break;
          case ":":
          case "?":
            if (!inMap) nodes += 2; // a flow map's entries are counted at `{` and `,`
            break;
          case "-":
            nodes += 1;
            break;
          case ",":
            nodes += inMap ? 2 : 1;
            break;
          case "{":
          case "[":
            nodes += lexeme === "{" ? 2 : 1;
            flow.push(lexeme);
            break;
          case "}":
          case "]":
            flow.pop();
            break;
        }
        if (nodes > MAX_YAML_NODES) {
          tooMany = parser.offset;
          return;
        }
      }
      yield* parser.next(lexeme);
    }
    yield* parser.end();
  }
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false, strict: true });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens(), true, text.length)) {
    if (!doc) {
      doc = next;
    } else {
      const [start, end] = next.range;
      doc.errors.push(
        new YAMLParseError(
          [start, end],
          "MULTIPLE_DOCS",
          "Source contains multiple documents; please use YAML.parseAllDocuments()",
        ),
      );
      break;
    }
  }
  // compose(…, true, …) always gives a document (an empty one for an empty text).
  return tooMany >= 0 ? { tooMany } : { doc: doc! };
}

/**
 * Duplicate keys, in one pass over the document's mappings. Not the yaml library's `uniqueKeys`
 * option: it compares each key with every earlier key of its mapping, O(n²) (a front matter of
 * 40,000 keys took 8 s of CPU, one of 105,000 keys 90 s). The rule is the library's: two scalar keys
 * are the same when their values are `===` (`1` and `"1"` differ, `1` and `0x1` do not, `.nan`
 * never equals itself); other keys (collections, aliases) never are. The error is the library's
 * too: DUPLICATE_KEY at the repeated key. `after`: the library reports it once the key is read (in
 * a block mapping) or once the whole pair is (in a flow mapping), after the errors found until
 * then (see mergeErrors). The walk keeps its own stack.
 */
function duplicateKeyErrors(doc: Document.Parsed): { error: YAMLParseError; after: number }[] {
  const found: { error: YAMLParseError; after: number }[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        yamlWork.keys++;
        const key = pair.key;
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (seen.has(key.value)) {
            const at = key.range?.[0] ?? 0;
            const keyEnd = key.range?.[1] ?? at;
            const value = isNode(pair.value) ? pair.value : undefined;
            const after = node.flow ? Math.max(keyEnd, value?.range?.[1] ?? 0) + 1 : keyEnd;
            const error = new YAMLParseError([at, at + 1], "DUPLICATE_KEY", "Map keys must be unique");
            found.push({ error, after });
          } else {
            seen.add(key.value);
          }
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) stack.push(item.key, item.value);
        else stack.push(item);
      }
    }
  }
  return found.sort((a, b) => a.after - b.after || a.error.pos[0] - b.error.pos[0]);
}

/**
 * The duplicate-key errors into the library's errors (in its order, kept), each where the library
 * would have reported it: before the first error at or past its `after`, so the first error of a
 * line (the one shown) is the one the library's own check gave.
 */
function mergeErrors(errors: YAMLParseError[], extra: { error: YAMLParseError; after: number }[]): void {
  if (extra.length === 0) return;
  const merged: YAMLParseError[] = [];
  let next = 0;
  for (const error of errors) {
    while (next < extra.length && extra[next]!.after <= error.pos[0]) merged.push(extra[next++]!.error);
    merged.push(error);
  }
  while (next < extra.length) merged.push(extra[next++]!.error);
  errors.length = 0;
  for (const error of merged) errors.push(error);
}

/** A YAML text refused before it was read: one problem at `offset`, an empty document. */
function refused(
  file: string,
  text: string,
  lineOffset: number,
  language: Language,
  offset: number,
  problem: ProblemDetail,
): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument("", { lineCounter });
  const before = text.slice(0, offset);
  const line = before.split("\n").length + lineOffset;
  const column = offset - before.lastIndexOf("\n");
  return {
    file,
    doc,
    lineCounter,
    lineOffset,
    lines: text.split("\n"),
    language,
    problems: [
      {
        file,
        line,
        column,
        severity: "error",
        path: "",
        code: problem.code,
        message: renderDetail(language, problem),
      },
    ],
  };
}

export function parseYamlSource(
  file: string,
  text: string,
  lineOffset = 0,
  language: Language = "en",
): YamlSource {
  const deep = nestingBeyond(text);
  if (deep >= 0)
    return refused(
      file,
      text,
      lineOffset,
      language,
      deep,
      detail("yaml-too-deep", { max: MAX_NESTING_DEPTH }),
    );
  const lineCounter = new LineCounter();
  const read = readBounded(text, lineCounter);
  if (read.tooMany !== undefined)
    return refused(
      file,
      text,
      lineOffset,
      language,
      read.tooMany,
      detail("yaml-too-many-nodes", { max: MAX_YAML_NODES }),
    );
  const { doc } = read;
  mergeErrors(doc.errors, duplicateKeyErrors(doc));
  const source: YamlSource = {
    file,
    doc,
    lineCounter,
    lineOffset,
    lines: text.split("\n"),
    language,
    problems: [],
  };
  const errorLines = new Set<number>();
  for (const e of syntaxErrorsWorthReporting(doc.errors)) {
    const message = cleanYamlMessage(e.message);
    const offset = errorOffset(e.code, message, text, e.pos[0]);
    const [line, column] = positionOf(source, offset);
    // One syntax error often drags others along on the same line ("Implicit keys need to be on a
    // single line", "... followed by map values"): the first one is the one to fix.
    if (errorLines.has(line)) continue;
    errorLines.add(line);
    const advice = hint(e.code, message, text, offset);
    const syntax = detail("yaml-syntax", { detail: message, ...(advice ? { hint: advice } : {}) });
    source.problems.push({
      file,
      line,
      column,
      severity: "error",
      path: "",
      code: syntax.code,
      message: renderDetail(language, syntax),
    });
  }
  for (const w of doc.warnings) {
    const [line, column] = positionOf(source, w.pos[0]);
    const warning = detail("yaml-warning", { detail: cleanYamlMessage(w.message) });
    source.problems.push({
      file,
      line,
      column,
      severity: "warning",
      path: "",
      code: warning.code,
      message: renderDetail(language, warning),
    });
  }
  return source;
}

/**
 * A tab used as indentation breaks the structure of everything after it, and the yaml library then
 * reports the consequences too ("A block sequence may not be used as an implicit map key", ...),
 * with hints that send people the wrong way. The tabs are the mistake: report only them.
 */
function syntaxErrorsWorthReporting<E extends { code: string }>(errors: readonly E[]): E[] {
  const tabs = errors.filter((e) => e.code === "TAB_AS_INDENT");
  return tabs.length > 0 ? tabs : [...errors];
}

/**
 * Where the mistake is. The yaml library reports a misindented line at its first column (the
 * spaces), where the key that is misplaced starts a few columns later; and an unclosed quote at
 * the end of the text, where the quote to close is where the value starts.
 */
function errorOffset(code: string, message: string, text: string, offset: number): number {
  const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
  if (code === "MISSING_CHAR" && quote) {
    const opening = openingQuote(text, offset, quote);
    if (opening >= 0) return opening;
  }
  if (code === "BAD_INDENT" || code === "MISSING_CHAR") {
    const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
    if (/^ *$/.test(text.slice(lineStart, offset))) {
      let first = offset;
      while (text[first] === " ") first++;
      if (first < text.length && text[first] !== "\n" && text[first] !== "\r") return first;
    }
  }
  return offset;
}

/** The quote that opens the unclosed value: the last one before `end` that is not escaped. */
function openingQuote(text: string, end: number, quote: string): number {
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    if (text[i] !== quote) continue;
    if (quote === '"') {
      let backslashes = 0;
      for (let j = i - 1; j >= 0 && text[j] === "\\"; j--) backslashes++;
      if (backslashes % 2 === 0) return i;
    } else if (text[i - 1] === "'") {
      i--; // '' is an escaped quote inside a single-quoted value
    } else {
      return i;
    }
  }
  return -1;
}

/** The key that starts at `offset` (for "check the indentation of ..."), if there is one. */
function keyAt(text: string, offset: number): string | undefined {
  const line = text.slice(offset).split("\n")[0] ?? "";
  return /^\s*(?:-\s+)?(["']?)([^:#"'\s][^:#"']*?)\1\s*:(?:\s|$)/.exec(line)?.[2]?.trim();
}

/** What to do about the YAML errors people make most often in front matter. */
function hint(code: string, message: string, text: string, offset: number): YamlHint | undefined {
  switch (code) {
    case "BLOCK_AS_IMPLICIT_KEY":
      return /^Nested mappings/.test(message) ? { kind: "quote-value" } : undefined;
    case "DUPLICATE_KEY": {
      const key = keyAt(text, offset);
      return key ? { kind: "duplicate-key", key } : undefined;
    }
    case "TAB_AS_INDENT":
      return { kind: "tabs" };
    case "BAD_INDENT":
    case "MISSING_CHAR": {
      if (/^Missing closing/.test(message)) return { kind: "unclosed-quote" };
      if (!/^All mapping items|^Sequence item without/.test(message)) return undefined;
      const key = keyAt(text, offset);
      return key ? { kind: "indentation", key } : undefined;
    }
    default:
      return undefined;
  }
}

function cleanYamlMessage(message: string): string {
  // The yaml library appends "at line X, column Y" and a code frame; we report our own position.
  return message
    .split(/ at line \d+, column \d+/)[0]!
    .split("\n")[0]!
    .trim();
}

/**
 * The yaml library's `parse` (plain data, an Error for invalid YAML), bounded like parseYamlSource:
 * nesting, nodes and aliases limited, duplicate keys found in linear time. For callers that only
 * need the data (the config's `_extends`); the error's message is the first problem's, without
 * its position.
 */
export function parseYamlValue(text: string): unknown {
  const source = parseYamlSource("", text);
  const error = source.doc.errors[0];
  if (error) throw error;
  const problem = source.problems.find((p) => p.severity === "error");
  if (problem) throw new Error(problem.message);
  const plain = toPlain(source);
  if (!plain.ok) throw new Error(plain.problem.message);
  return plain.value;
}

/** Convert the document to plain JS, refusing runaway alias expansion instead of hanging. */
export function toPlain(source: YamlSource): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  try {
    return { ok: true, value: source.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = /alias/i.test(message)
      ? detail("yaml-aliases", { max: MAX_ALIAS_COUNT })
      : detail("yaml-unreadable", { detail: message });
    return {
      ok: false,
      problem: {
        file: source.file,
        line: 1 + source.lineOffset,
        column: 1,
        severity: "error",
        path: "",
        code: reason.code,
        message: renderDetail(source.language, reason),
      },
    };
  }
}

export function positionOf(source: YamlSource, offset: number): [line: number, column: number] {
  const { line, col } = source.lineCounter.linePos(offset);
  return [line + source.lineOffset, col];
}

/** Each mapping's pairs by key text, built on its first lookup (see pairByKey). */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

/**
 * The first pair of a mapping whose scalar key reads as `key`. Indexed, not a search of the items:
 * a problem per key of a mapping of n keys (unknown keys, misspelt keys) would otherwise cost n² in
 * all (40,000 unknown keys in a config took 45 s).
 */
function pairByKey(map: YAMLMap, key: PropertyKey | undefined): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      yamlWork.indexed++;
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const text = String(pair.key.value);
      if (!index.has(text)) index.set(text, pair as Pair);
    }
    pairIndex.set(map, index);
  }
  return index.get(String(key));
}

/** The node at a path, or the deepest existing ancestor (for a missing key: its parent map). */
export function nodeAt(
  source: YamlSource,
  path: readonly PropertyKey[],
): { node: Node | null; exact: boolean; keyNode: Node | null } {
  let current: unknown = source.doc.contents;
  let keyNode: Node | null = null;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (isMap(current)) {
      const pair = pairByKey(current, key);
      if (!pair) return { node: current, exact: false, keyNode };
      keyNode = isNode(pair.key) ? pair.key : null;
      if (!isNode(pair.value)) return { node: keyNode ?? current, exact: i === path.length - 1, keyNode };
      current = pair.value;
    } else if (isSeq(current) && typeof key === "number") {
      const item = current.items[key];
      if (!isNode(item)) return { node: current, exact: false, keyNode };
      keyNode = null;
      current = item;
    } else {
      return { node: isNode(current) ? current : null, exact: false, keyNode };
    }
  }
  return { node: isNode(current) ? current : null, exact: true, keyNode };
}

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Where the value at a path is (or its key's, or the nearest existing ancestor's), in file coordinates. */
export function spanAt(
  source: YamlSource,
  path: readonly PropertyKey[],
  opts: { at?: "key" | "value" } = {},
): Span {
  const { node, keyNode } = nodeAt(source, path);
  const target = opts.at === "key" && keyNode ? keyNode : node;
  const start = target?.range?.[0] ?? 0;
  const end = target?.range?.[1] ?? start;
  const [line, column] = positionOf(source, start);
  const [endLine, endColumn] = positionOf(source, end);
  return { line, column, endLine, endColumn };
}

/** A problem at the value of a path, its message in the source's language. */
export function problemAt(
  source: YamlSource,
  path: readonly PropertyKey[],
  severity: Severity,
  problem: ProblemDetail,
  opts: { at?: "key" | "value" } = {},
): Problem {
  return {
    file: source.file,
    ...spanAt(source, path, opts),
    severity,
    path: formatPath(path),
    code: problem.code,
    message: renderDetail(source.language, problem),
  };
}

/** Turn zod issues into positioned problems with messages a person understands. */
export function zodProblems(
  source: YamlSource,
  error: z.ZodError,
  pathPrefix: readonly PropertyKey[] = [],
  knownKeys: (path: readonly PropertyKey[]) => readonly string[] = () => [],
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const path = [...pathPrefix, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const guess = closest(key, knownKeys(path));
        problems.push(
          problemAt(
            source,
            [...path, key],
            "error",
            detail("unknown-key", { key, ...(guess ? { suggestion: guess } : {}) }),
            { at: "key" },
          ),
        );
      }
      continue;
    }
    if (issue.code === "invalid_key") {
      const reason = issue.issues[0]
        ? issueDetail(issue.issues[0])
        : detail("invalid", { detail: "not allowed" });
      const key = path[path.length - 1];
      problems.push(
        problemAt(source, path, "error", detail("invalid-key", { key: String(key), reason }), { at: "key" }),
      );
      continue;
    }
    const { exact } = nodeAt(source, path);
    if (!exact && issue.code === "invalid_type") {
      const key = path[path.length - 1];
      const where = path.slice(0, -1);
      problems.push(
        problemAt(source, where, "error", detail("missing-key", { key: String(key) }), { at: "key" }),
      );
      const last = problems[problems.length - 1]!;
      last.path = formatPath(path);
      continue;
    }
    problems.push(problemAt(source, path, "error", issueDetail(issue, quoteHint(source, path, issue))));
  }
  return problems;
}

/** `color: 000000`, `id: 404`, `title: yes`: YAML reads them as numbers or booleans. */
function quoteHint(
  source: YamlSource,
  path: readonly PropertyKey[],
  issue: z.core.$ZodIssue,
): { text: string; as: string } | undefined {
  if (issue.code !== "invalid_type" || issue.expected !== "string") return undefined;
  const { node, exact } = nodeAt(source, path);
  if (!exact || !isScalar(node) || typeof node.value === "string" || node.value === null) return undefined;
  const text = node.source;
  return typeof text === "string" && text !== "" ? { text, as: typeof node.value } : undefined;
}

export function describeValue(value: unknown): ValueShape {
  if (value === null || value === undefined) return { kind: "empty" };
  if (Array.isArray(value)) return { kind: "list" };
  if (typeof value === "object") return { kind: "mapping" };
  if (typeof value === "string")
    return { kind: "text", text: value.length > 40 ? `${value.slice(0, 40)}…` : value };
  return { kind: "other", type: typeof value, json: String(JSON.stringify(value)) };
}

/**
 * A zod issue as a problem of the catalog. `quote`: the text YAML read as a number or a boolean
 * where a string was expected (zodProblems knows it from the node).
 */
export function issueDetail(issue: z.core.$ZodIssue, quote?: { text: string; as: string }): ProblemDetail {
  switch (issue.code) {
    case "invalid_type": {
      const unquoted =
        (issue.expected === "number" || issue.expected === "int") &&
        typeof issue.input === "string" &&
        /^\s*-?\d+(\.\d+)?\s*$/.test(issue.input)
          ? issue.input.trim()
          : undefined;
      return detail("wrong-type", {
        expected: issue.expected,
        got: describeValue(issue.input),
        ...(unquoted !== undefined ? { unquoted } : {}),
        ...(quote ? { quote } : {}),
      });
    }
    case "invalid_value": {
      const values = issue.values.map(String);
      const guess = typeof issue.input === "string" ? closest(issue.input, values) : undefined;
      // An enum that also takes Korean words for its keys (`weekly.day: 월요일`) lists the keys alone.
      const keys = values.filter((value) => !HANGUL.test(value));
      return detail("not-allowed", {
        value: String(JSON.stringify(issue.input)),
        expected: keys.length > 0 ? keys : values,
        ...(guess && guess !== issue.input ? { suggestion: guess } : {}),
      });
    }
    case "too_big":
      return issue.origin === "array"
        ? detail("too-many-entries", { max: Number(issue.maximum) })
        : issue.origin === "string"
          ? detail("too-long", { max: Number(issue.maximum) })
          : detail("too-big", { max: String(issue.maximum) });
    case "too_small":
      return issue.origin === "array"
        ? detail("too-few-entries", { min: Number(issue.minimum) })
        : issue.origin === "string"
          ? issue.minimum === 1
            ? detail("empty-text")
            : detail("too-short", { min: Number(issue.minimum) })
          : detail("too-small", { min: String(issue.minimum) });
    case "invalid_format":
      return (
        schemaDetail(issue.message, issue.input) ??
        (issue.message.startsWith("Invalid")
          ? detail("bad-format", { value: String(JSON.stringify(issue.input)) })
          : detail("invalid", { detail: issue.message }))
      );
    default:
      return schemaDetail(issue.message, issue.input) ?? detail("invalid", { detail: issue.message });
  }
}

/** The keys a zod object schema accepts at a path (for "did you mean" on unknown keys). */
export function schemaKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = schema;
  for (const key of [...path, null]) {
    current = unwrap(current);
    if (!current) return [];
    if (key === null) break;
    const def = (
      current as unknown as {
        def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType };
      }
    ).def;
    if (def.type === "object") current = def.shape?.[String(key)];
    else if (def.type === "array") current = def.element;
    else if (def.type === "record") current = def.valueType;
    else return [];
  }
  const def = (current as unknown as { def: { type: string; shape?: Record<string, unknown> } } | undefined)
    ?.def;
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  for (let i = 0; i < 10 && current; i++) {
    const def = (current as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } }).def;
    if (
      def.type === "optional" ||
      def.type === "default" ||
      def.type === "nullable" ||
      def.type === "prefault"
    )
      current = def.innerType;
    else if (def.type === "pipe") current = def.in;
    else break;
  }
  return current;
}

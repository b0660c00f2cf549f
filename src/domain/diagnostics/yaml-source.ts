import {
  type Document,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  type YAMLMap,
} from "yaml";
import type { z } from "zod";
import { detail, type ProblemDetail, renderDetail } from "../../text/catalog/index.js";
import type { Language } from "../../text/language.js";
import { formatPath, type Problem, type Severity } from "./problem.js";
import {
  duplicateKeyErrors,
  MAX_ALIAS_COUNT,
  MAX_NESTING_DEPTH,
  MAX_YAML_NODES,
  mergeErrors,
  nestingBeyond,
  readBounded,
  yamlWork,
} from "./yaml-bounds.js";
import { cleanYamlMessage, errorOffset, hint, syntaxErrorsWorthReporting } from "./yaml-hints.js";
import { issueDetail, quoteHint, unknownKey } from "./zod-issues.js";

// parse.ts imports it from here (it is being changed by issue 14); new code imports ./zod-issues.js.
export { schemaKeysAt } from "./zod-issues.js";

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
        problems.push(
          problemAt(source, [...path, key], "error", unknownKey(key, knownKeys(path)), { at: "key" }),
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
    problems.push(
      problemAt(source, path, "error", issueDetail(issue, quoteHint(nodeAt(source, path), issue))),
    );
  }
  return problems;
}

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
  type LineCounter,
  Parser,
  YAMLParseError,
} from "yaml";

/**
 * Reading hostile YAML in bounded work (issue 12): nesting refused by a linear pre-scan, nodes
 * counted while the text is lexed, duplicate keys found in one pass, aliases limited. The reader
 * with positions and problems is ./yaml-source.ts.
 */

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
export function readBounded(
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
export function duplicateKeyErrors(doc: Document.Parsed): { error: YAMLParseError; after: number }[] {
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
export function mergeErrors(
  errors: YAMLParseError[],
  extra: { error: YAMLParseError; after: number }[],
): void {
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

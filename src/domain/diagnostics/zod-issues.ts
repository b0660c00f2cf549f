import { isScalar, type Node } from "yaml";
import type { z } from "zod";
import { detail, type ProblemDetail, type ValueShape } from "../../text/catalog/index.js";
import { schemaDetail } from "./schema-codes.js";
import { closest } from "./suggest.js";

/** Zod's issues and schemas as the catalog's problems: what was wrong, and which keys a path accepts. */

/** Hangul jamo and syllables: a Korean word. */
const HANGUL = /[\u3131-\u318e\uac00-\ud7a3]/;

/**
 * `color: 000000`, `id: 404`, `title: yes`: YAML reads them as numbers or booleans (`found`: the node
 * at the issue's path, from yaml-source's nodeAt).
 */
export function quoteHint(
  found: { node: Node | null; exact: boolean },
  issue: z.core.$ZodIssue,
): { text: string; as: string } | undefined {
  if (issue.code !== "invalid_type" || issue.expected !== "string") return undefined;
  const { node, exact } = found;
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
      return (
        schemaDetail(issue.message, issue.input, issue.code === "custom" ? issue.params : undefined) ??
        detail("invalid", { detail: issue.message })
      );
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

/** An unknown key: the known key it looks like, else, where only a few are allowed (`followups`: short_term, long_term), those. */
export function unknownKey(key: string, known: readonly string[]): ProblemDetail {
  const guess = closest(key, known);
  if (guess) return detail("unknown-key", { key, suggestion: guess });
  return detail(
    "unknown-key",
    known.length > 0 && known.length <= 4 ? { key, expected: [...known] } : { key },
  );
}

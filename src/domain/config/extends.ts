import { isMap, isScalar, type Pair } from "yaml";
import { parseYamlSource, type YamlSource } from "../diagnostics/yaml-source.js";
import { CONFIG_FILE } from "./load.js";

/**
 * `_extends`: the one owner of "does this config text extend another config, and where?". Every
 * answer comes from the parsed document (the bounded parser: the text is the repository's, so
 * hostile), never from a regex over the text: a quoted key (`"_extends": ...`) or a flow mapping
 * declares it; `_extends:` inside a block scalar, a comment or a nested mapping does not. The PR
 * check (a head config with `_extends` never judges the postmortems) and the config loader of
 * src/github/config.ts (such a config goes through Probot's lookup) both ask here.
 */

/** A text that parsed without errors (what Probot's own parse would accept). */
function parsedCleanly(source: YamlSource): boolean {
  return source.doc.errors.length === 0 && !source.problems.some((p) => p.severity === "error");
}

function extendsPair(source: YamlSource): Pair | undefined {
  const top = source.doc.contents;
  if (!isMap(top)) return undefined;
  return top.items.find((pair) => isScalar(pair.key) && pair.key.value === "_extends");
}

/**
 * Does the config text declare a top-level `_extends`? False for a text that is not valid YAML
 * (it is reported as such; Probot's lookup would only fail on it).
 */
export function declaresExtends(text: string): boolean {
  const source = parseYamlSource(CONFIG_FILE, text);
  return parsedCleanly(source) && extendsPair(source) !== undefined;
}

/** Where the top-level `_extends` key of a config text is (1-based), if it has one. */
export function extendsPosition(text: string): { line: number; column: number } | undefined {
  const source = parseYamlSource(CONFIG_FILE, text);
  const key = extendsPair(source)?.key;
  if (!isScalar(key) || !key.range) return undefined;
  const { line, col } = source.lineCounter.linePos(key.range[0]);
  return { line, column: col };
}

/** The top-level `_extends` value, when it is a string (`other-repo`, `owner/repo:path.yml`). */
export function extendsTarget(text: string): string | undefined {
  const source = parseYamlSource(CONFIG_FILE, text);
  if (!parsedCleanly(source)) return undefined;
  const value = extendsPair(source)?.value;
  return isScalar(value) && typeof value.value === "string" ? value.value : undefined;
}

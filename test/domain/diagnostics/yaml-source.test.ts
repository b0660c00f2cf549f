import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { formatProblem } from "../../../src/domain/diagnostics/problem.js";
import {
  MAX_YAML_NODES,
  parseYamlSource,
  parseYamlValue,
  yamlWork,
} from "../../../src/domain/diagnostics/yaml-source.js";

/** `n` distinct top-level keys, `x0: 1` ... (the hostile front matter of issue 12). */
function manyKeys(n: number): string {
  return Array.from({ length: n }, (_, i) => `x${i.toString(36)}: 1`).join("\n");
}

/** The work counters spent by `run`. */
function workOf(run: () => void): { lexemes: number; keys: number; indexed: number } {
  const before = { ...yamlWork };
  run();
  return {
    lexemes: yamlWork.lexemes - before.lexemes,
    keys: yamlWork.keys - before.keys,
    indexed: yamlWork.indexed - before.indexed,
  };
}

const problems = (text: string) => parseYamlSource("y.yml", text).problems.map(formatProblem);

const tooMany = `error YAML has more than ${MAX_YAML_NODES} nodes (keys, values and list items); the file is refused`;

describe("the node bound: a file over it is refused while it is read", () => {
  it("40,000 keys and a 1 MiB file of 105,000 keys: one positioned error, the same bounded work for both", () => {
    const big = manyKeys(40_000);
    const huge = manyKeys(105_000);
    expect(Buffer.byteLength(huge)).toBeLessThan(1024 * 1024);
    let bigProblems: string[] = [];
    let hugeProblems: string[] = [];
    const bigWork = workOf(() => {
      bigProblems = parseYamlSource("p.md", big, 1).problems.map(formatProblem);
    });
    const hugeWork = workOf(() => {
      hugeProblems = parseYamlSource("p.md", huge, 1).problems.map(formatProblem);
    });
    // Node 20,001 is the key of line 10,001 (two nodes a key): its `:` (`x7pt: 1`), in file lines.
    expect(bigProblems).toEqual([`p.md:10002:5 ${tooMany}`]);
    expect(hugeProblems).toEqual(bigProblems);
    // Reading stopped at the bound: 7 lexemes a key (`x0`, `:`, ` `, `1`, a newline and two
    // scalar markers) for the first 10,000 keys, whatever the file's size; nothing was composed,
    // so no key was checked for duplicates.
    expect(bigWork.lexemes).toBeLessThanOrEqual(7 * (MAX_YAML_NODES / 2) + 10);
    expect(hugeWork).toEqual(bigWork);
    expect(bigWork.keys).toBe(0);
  });

  it("counts two nodes a key, one a list item, in block and flow collections: at the bound accepted, past it refused", () => {
    const half = MAX_YAML_NODES / 2;
    expect(problems(manyKeys(half))).toEqual([]);
    expect(problems(manyKeys(half + 1))).toEqual([
      `y.yml:${half + 1}:${`x${half.toString(36)}`.length + 1} ${tooMany}`,
    ]);
    const items = (n: number) => Array.from({ length: n }, () => "- a").join("\n");
    expect(problems(items(MAX_YAML_NODES))).toEqual([]);
    expect(problems(items(MAX_YAML_NODES + 1))).toEqual([`y.yml:${MAX_YAML_NODES + 1}:1 ${tooMany}`]);
    const flowSeq = (n: number) => `[${Array.from({ length: n }, () => "a").join(", ")}]`;
    expect(problems(flowSeq(MAX_YAML_NODES))).toEqual([]);
    expect(problems(flowSeq(MAX_YAML_NODES + 1))).toEqual([`y.yml:1:${3 * MAX_YAML_NODES} ${tooMany}`]);
    const flowMap = (n: number) => `{${Array.from({ length: n }, (_, i) => `k${i}: 1`).join(", ")}}`;
    expect(problems(flowMap(half))).toEqual([]);
    expect(problems(flowMap(half + 1))[0]).toMatch(/^y\.yml:1:\d+ error YAML has more than/);
    // Keys without values (`? k`, `{k}`) count two nodes too.
    expect(problems(Array.from({ length: half + 1 }, (_, i) => `? k${i}`).join("\n"))).toHaveLength(1);
    expect(problems(`{${Array.from({ length: half + 1 }, (_, i) => `k${i}`).join(", ")}}`)).toHaveLength(1);
  });

  it("indicators inside quoted and block scalars and comments are text, not nodes", () => {
    const text = [
      `a: "${"- x: y, ".repeat(MAX_YAML_NODES)}"`,
      `b: '${"[a, b]: ".repeat(MAX_YAML_NODES)}'`,
      "c: |",
      ...Array.from({ length: MAX_YAML_NODES }, () => "  - x: y"),
      ...Array.from({ length: MAX_YAML_NODES }, () => "# - x: y"),
    ].join("\n");
    expect(problems(text)).toEqual([]);
  });

  it("in the file's language", () => {
    expect(parseYamlSource("y.yml", manyKeys(40_000), 0, "ko").problems.map((p) => p.message)).toEqual([
      `YAML 노드(키, 값, 목록 항목)가 ${MAX_YAML_NODES}개를 넘어 파일을 거부합니다`,
    ]);
  });
});

describe("duplicate keys: found in one pass, reported as the yaml library reported them", () => {
  it("each key is looked at once: 9,000 keys and a repeat, 9,001 keys checked, one error at the repeat", () => {
    const text = `${manyKeys(9_000)}\nx0: 2`;
    let found: string[] = [];
    const work = workOf(() => {
      found = problems(text);
    });
    expect(found).toEqual(['y.yml:9001:1 error YAML syntax: Map keys must be unique: "x0" appears twice']);
    expect(work.keys).toBe(9_001);
  });

  // The expected problems are the ones the library's own check (`uniqueKeys: true`) gave.
  it("in nested mappings, in sequences, in flow mappings and in mappings used as keys", () => {
    const unique = 'error YAML syntax: Map keys must be unique: "%s" appears twice';
    expect(problems("a:\n  b: 1\n  c:\n    d: 1\n    d: 2\n")).toEqual([
      `y.yml:5:5 ${unique.replace("%s", "d")}`,
    ]);
    expect(problems("list:\n  - id: a\n    id: b\n")).toEqual([`y.yml:3:5 ${unique.replace("%s", "id")}`]);
    expect(problems("x: {a: 1, a: 2}\n")).toEqual([`y.yml:1:11 ${unique.replace("%s", "a")}`]);
    expect(problems("x: {a, b, a}\n")).toEqual(["y.yml:1:11 error YAML syntax: Map keys must be unique"]);
    expect(problems("? {a: 1, a: 2}\n: x\n")).toEqual([`y.yml:1:10 ${unique.replace("%s", "a")}`]);
    expect(problems('a: 1\n"a": 2\n')).toEqual([`y.yml:2:1 ${unique.replace("%s", "a")}`]);
    // Three times: the second and the third are reported.
    expect(problems("a: 1\na: 2\na: 3\n")).toEqual([
      `y.yml:2:1 ${unique.replace("%s", "a")}`,
      `y.yml:3:1 ${unique.replace("%s", "a")}`,
    ]);
    // With another error on the same line: the one the library reported first (one a line).
    expect(problems("x: {a: 1, a: [b, }\n")).toEqual([
      "y.yml:1:18 error YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
  });

  it("keys are the same when YAML reads the same value: 1 and '1' differ, 1 and 0x1 do not", () => {
    const unique = 'error YAML syntax: Map keys must be unique: "%s" appears twice';
    expect(problems("1: a\n'1': b\n")).toEqual([]);
    expect(problems("1: a\n0x1: b\n")).toEqual([`y.yml:2:1 ${unique.replace("%s", "0x1")}`]);
    expect(problems("1.0: a\n1: b\n")).toEqual([`y.yml:2:1 ${unique.replace("%s", "1")}`]);
    expect(problems("true: a\nTrue: b\n")).toEqual([`y.yml:2:1 ${unique.replace("%s", "True")}`]);
    expect(problems("~: a\nnull: b\n")).toEqual([`y.yml:2:1 ${unique.replace("%s", "null")}`]);
    expect(problems(".nan: a\n.nan: b\n")).toEqual([]);
    expect(problems("*a : 1\n*a : 2\n")).toEqual([]);
    expect(problems("? [a]\n: 1\n? [a]\n: 2\n")).toEqual([]);
  });

  it("the same errors, at the same positions and in the same order, as the library's own check", () => {
    const key = fc.constantFrom(
      "a",
      "b",
      "1",
      "'1'",
      '"a"',
      "0x1",
      "1.0",
      "true",
      "True",
      "~",
      "null",
      ".nan",
      "!!str a",
    );
    const scalar = fc.constantFrom("x", "1", "'y'", '"z"', "~", "[]", "{}", "[p, q]", "|\n  text");
    const flowMap = fc
      .array(
        fc.tuple(
          key,
          scalar.filter((v) => !v.startsWith("|")),
        ),
        { maxLength: 5 },
      )
      .map((pairs) => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(", ")}}`);
    const block = (depth: number, indent: string): fc.Arbitrary<string> => {
      const nested =
        depth === 0
          ? []
          : [
              block(depth - 1, `${indent}  `).map((b) => `\n${b}`),
              seq(depth - 1, `${indent}  `).map((b) => `\n${b}`),
            ];
      const value = fc.oneof(
        scalar.map((v) => ` ${v.replace("\n", `\n${indent}`)}`),
        flowMap.map((v) => ` ${v}`),
        ...nested,
      );
      return fc
        .array(fc.tuple(key, value), { minLength: 1, maxLength: 6 })
        .map((pairs) => pairs.map(([k, v]) => `${indent}${k}:${v}`).join("\n"));
    };
    const seq = (depth: number, indent: string): fc.Arbitrary<string> =>
      fc
        .array(
          fc.oneof(
            flowMap.map((v) => `${indent}- ${v}`),
            block(depth, `${indent}  `).map((b) => `${indent}- ${b.slice(indent.length + 2)}`),
          ),
          {
            minLength: 1,
            maxLength: 4,
          },
        )
        .map((items) => items.join("\n"));
    fc.assert(
      fc.property(fc.oneof(block(3, ""), seq(2, ""), flowMap), (text) => {
        const library = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true });
        const ours = parseYamlSource("y.yml", text).doc;
        expect(ours.errors.map((e) => [e.code, e.pos[0]])).toEqual(
          library.errors.map((e) => [e.code, e.pos[0]]),
        );
        expect(ours.warnings.map((e) => [e.code, e.pos[0]])).toEqual(
          library.warnings.map((e) => [e.code, e.pos[0]]),
        );
        expect(ours.toJS({ mapAsMap: true })).toEqual(library.toJS({ mapAsMap: true }));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("parseYamlValue (the yaml library's parse, bounded)", () => {
  it("the data; an Error for invalid YAML, a duplicate key, or a file over the bound", () => {
    expect(parseYamlValue("a: [1, {b: c}]\n")).toEqual({ a: [1, { b: "c" }] });
    expect(() => parseYamlValue("a: 1\na: 2\n")).toThrow(/^Map keys must be unique$/);
    expect(() => parseYamlValue("paths: [a\n")).toThrow(/^Flow sequence in block collection/);
    let thrown: unknown;
    const work = workOf(() => {
      try {
        parseYamlValue(manyKeys(105_000));
      } catch (error) {
        thrown = error;
      }
    });
    expect(String(thrown)).toBe(`Error: ${tooMany.replace(/^error /, "")}`);
    expect(work.lexemes).toBeLessThanOrEqual(7 * (MAX_YAML_NODES / 2) + 10);
  });
});

import { describe, expect, it } from "vitest";
import { declaresExtends, extendsPosition, extendsTarget } from "../../../src/domain/config/extends.js";

/**
 * One owner of `_extends` (src/domain/config/extends.ts): the PR check and the config loader ask the same
 * function, which reads the parsed document. The check used a regex (`/^_extends\s*:/m`) that
 * missed a quoted key and a flow mapping, so a head config extending another judged the
 * postmortems with settings it does not have alone.
 */
const TABLE: [name: string, text: string, declares: boolean, position?: [number, number], target?: string][] =
  [
    ["a plain key", "_extends: .github\nlanguage: en\n", true, [1, 1], ".github"],
    ["a key after others", "language: ko\n_extends: octo/base:cfg.yml\n", true, [2, 1], "octo/base:cfg.yml"],
    ["a double-quoted key", '"_extends": .github\nlanguage: en\n', true, [1, 1], ".github"],
    ["a single-quoted key", "language: en\n'_extends': .github\n", true, [2, 1], ".github"],
    ["a flow mapping", "{ language: en, _extends: .github }\n", true, [1, 17], ".github"],
    ["an explicit key", "? _extends\n: .github\n", true, [1, 3], ".github"],
    ["a key whose value is not a string", "_extends: [a, b]\n", true, [1, 1], undefined],
    ["inside a block scalar", "labels:\n  tracking:\n    description: |\n      _extends: .github\n", false],
    ["inside a literal block at the top", "note: |\n  _extends: .github\nlanguage: en\n", false],
    ["in a comment", "# _extends: .github\nlanguage: en\n", false],
    ["a nested key", "labels:\n  _extends: .github\n", false],
    ["a longer key", "_extends_not: .github\n", false],
    ["a value, not a key", "language: _extends\n", false],
    ["no config at all", "", false],
    ["a list, not a mapping", "- _extends: .github\n", false],
  ];

describe("declaresExtends / extendsPosition / extendsTarget", () => {
  it.each(TABLE)("%s", (_name, text, declares, position, target) => {
    expect(declaresExtends(text)).toBe(declares);
    expect(extendsPosition(text)).toEqual(position ? { line: position[0], column: position[1] } : undefined);
    expect(extendsTarget(text)).toBe(declares ? target : undefined);
  });

  it("says no for a text that is not valid YAML (Probot's lookup would only fail on it)", () => {
    expect(declaresExtends("_extends: .github\nlanguage: [en\n")).toBe(false);
    expect(declaresExtends("_extends: a\n_extends: b\n")).toBe(false);
  });
});

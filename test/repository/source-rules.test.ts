import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** House rules of src/ that no linter checks (issue 13): unique type names, files of a readable size. */

const SRC = new URL("../../src/", import.meta.url);
const sources = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.split("\\").join("/"))
  .sort();
const text = (file: string) => readFileSync(new URL(file, SRC), "utf8");

/** `export interface X`, `export type X`, `export class X`, `export enum X` (`declare`/`abstract` too). */
function exportedTypeNames(source: string): string[] {
  const names = source.matchAll(
    /^export\s+(?:declare\s+)?(?:abstract\s+)?(?:interface|type|class|enum)\s+([A-Za-z_$][\w$]*)/gm,
  );
  return [...new Set([...names].map((m) => m[1]!))];
}

/** name -> the files exporting a type of that name, for the names exported from more than one file. */
function duplicateTypeNames(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const [file, source] of files)
    for (const name of exportedTypeNames(source)) where.set(name, [...(where.get(name) ?? []), file]);
  return new Map([...where].filter(([, files]) => files.length > 1));
}

const MAX_LINES = 350;
/** Said in a long file's opening comment: why it stays long. */
const REASON = /Longer than 350 lines:/;

describe("src/", () => {
  it("exports no two types of the same name from different files", () => {
    expect(duplicateTypeNames(new Map(sources.map((f) => [f, text(f)])))).toEqual(new Map());
  });

  it("the check finds a duplicate (and ignores a value and a type of one name in one file)", () => {
    const dupes = duplicateTypeNames(
      new Map([
        ["a.ts", "export interface Env {}\nexport const X = 1;\nexport type X = typeof X;\n"],
        ["b.ts", "export type Env = Record<string, string>;\ninterface Local {}\n"],
        ["c.ts", "export declare class Local {}\n"],
      ]),
    );
    expect(dupes).toEqual(new Map([["Env", ["a.ts", "b.ts"]]]));
  });

  it(`has no file over ${MAX_LINES} lines without a reason in its opening comment`, () => {
    const long = sources
      .filter((f) => text(f).split("\n").length > MAX_LINES)
      .filter((f) => !REASON.test(text(f).split("\n").slice(0, 60).join("\n")));
    expect(long).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import {
  CATALOG_CODES,
  type CatalogCode,
  type ProblemDetail,
  renderDetail,
} from "../../../src/text/catalog/index.js";
import { yamlDetailKo } from "../../../src/text/catalog/yaml-ko.js";
import { CASES, VARIANTS } from "./problem-cases.js";

/** Parameters that choose the sentence rather than appear in it. */
const NOT_VERBATIM = new Set(["unit", "kind", "as", "code"]);

/** The parameter values a message shows as they are (keys, values, paths, numbers). */
function verbatim(code: CatalogCode, params: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (NOT_VERBATIM.has(key)) return;
    if (code === "wrong-type" && key === "expected") return; // a type name, translated
    if (code === "no-such-day" && key === "month") return; // a month name in English
    if ((code === "yaml-syntax" || code === "yaml-warning") && key === "detail") return; // translated
    if (Array.isArray(value)) for (const v of value) walk(v, key);
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, k);
    else if (typeof value === "string" || typeof value === "number") out.push(String(value));
  };
  walk(params, "");
  return out;
}

const HANGUL = /[\uac00-\ud7a3]/;

describe("the problem message catalog", () => {
  it("has a case in this table for every code", () => {
    expect(Object.keys(CASES).sort()).toEqual([...CATALOG_CODES].sort());
  });

  it.each(CATALOG_CODES)("%s: English and Korean, with its parameters", (code) => {
    const c = CASES[code];
    const problem = { code, params: c.params } as ProblemDetail;
    const en = renderDetail("en", problem);
    const ko = renderDetail("ko", problem);
    expect(en).toBe(c.en);
    expect(ko).toBe(c.ko);
    expect(ko).toMatch(HANGUL);
    expect(ko).not.toBe(en);
    for (const value of verbatim(code, c.params)) {
      expect(en).toContain(value);
      expect(ko).toContain(value);
    }
  });

  it.each(VARIANTS.map(([problem, en, ko]) => [problem.code, problem, en, ko] as const))(
    "%s, another form",
    (_code, problem, en, ko) => {
      expect(renderDetail("en", problem)).toBe(en);
      expect(renderDetail("ko", problem)).toBe(ko);
    },
  );

  it("gives the messages of the yaml library people meet in front matter in Korean, and keeps any other", () => {
    expect(
      [
        "All sequence items must start at the same column",
        "Sequence item without - indicator",
        'Missing closing "quote',
        "Implicit keys need to be on a single line",
        "Implicit map keys need to be followed by map values",
        "A block sequence may not be used as an implicit map key",
        "Comments must be separated from other tokens by white space characters",
        "Block scalar values in collections must be indented",
        "Missing , or : between flow map items",
        "Missing , between flow sequence items",
        "Flow map must end with a }",
        "Flow sequence in block collection must be sufficiently indented and end with a ]",
        "Plain value cannot start with @",
        "Alias cannot be an empty string",
      ].map(yamlDetailKo),
    ).toEqual([
      "목록의 항목이 모두 같은 열에서 시작하지 않습니다",
      "목록 항목에 - 표시가 없습니다",
      '닫는 따옴표(")가 없습니다',
      "키는 한 줄 안에 있어야 합니다",
      "키 뒤에는 콜론(:)과 값이 와야 합니다",
      "목록을 키로 쓸 수 없습니다",
      "주석(#) 앞에는 공백이 있어야 합니다",
      "목록이나 매핑 안의 여러 줄 값은 들여 써야 합니다",
      "{ } 안의 항목 사이에 쉼표(,)나 콜론(:)이 빠졌습니다",
      "[ ] 안의 항목 사이에 쉼표(,)가 빠졌습니다",
      '"{"로 연 부분을 "}"로 닫아야 합니다',
      '"["로 연 부분은 충분히 들여 쓰고 "]"로 닫아야 합니다',
      "따옴표 없는 값은 @로 시작할 수 없습니다",
      "Alias cannot be an empty string",
    ]);
  });
});

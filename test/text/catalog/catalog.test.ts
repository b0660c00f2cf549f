import { describe, expect, it } from "vitest";
import { defineTopic } from "../../../src/text/catalog/define.js";
import { CATALOG, type TextKey, t } from "../../../src/text/catalog/index.js";
import { LANGUAGES } from "../../../src/text/language.js";
import { samplesOf } from "./samples.js";

/**
 * Issue 13: every message of the catalog, rendered in both languages with sample parameters. The
 * list of keys is the catalog's own (a new key is covered without touching this file; its samples
 * are required by the type of samples.ts).
 */

/** `은(는)`, `을(를)`, `이(가)`, `와(과)`, `(으)로`, `(이)라는`, and the reversed `는(은)` forms. */
const HEDGE = /[은는을를이가와과]\([은는을를이가와과]\)|\((으|이)\)[가-힣]/u;

/**
 * The English a Korean message may show, besides code and the parameters' own values: names of
 * products, standards and units, and the keys of the postmortem and config files, which people
 * type as they are (`root_cause`, `validation`) and which Korean text names next to their Korean
 * word (`검증 방법(validation)`).
 */
const NAMES = new Set([
  // the app, products, standards, units (acronyms in capitals need no entry: URL, YAML, IANA)
  "postmortem-followups",
  "GitHub",
  "Git",
  "Markdown",
  "Enterprise", // GitHub Enterprise Server
  "Server",
  // the CLI's commands, named in what they print (sweep 결과: ...)
  "sweep",
  "report",
  "MiB",
  "Whys", // "5 Whys", the technique's name
  "https",
  // terms given in parentheses after their Korean word: 별칭(alias), 확장 글롭(extglob), 주석(annotation)
  "alias",
  "extglob",
  "annotation",
  // the GitHub permissions the app reads with, by their GitHub names ("contents" 읽기 권한)
  "contents",
  "issues",
  "actions",
  // example values a message gives (GitHub 로그인(예: alice))
  "alice",
  // keys of the postmortem and the config, and the forms their values take
  "id",
  "title",
  "date",
  "followups",
  "owner",
  "description",
  "validation",
  "owners",
  "paths",
  "repo",
  "org",
  "team",
  "name",
  "path",
  "yml",
  "YYYY-MM-DD",
]);

/** Parameters that choose the sentence rather than appear in it (`kind: "issue"`, `role: "merger"`). */
const CHOOSERS = new Set(["kind", "via", "role", "unit", "code", "as", "gone"]);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The text of a Korean message with everything it may show in English taken out. */
function prose(text: string, params: unknown): string {
  const values: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (CHOOSERS.has(key)) return;
    if (typeof value === "string" || typeof value === "number") values.push(String(value));
    else if (Array.isArray(value)) for (const v of value) walk(v, key);
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(params, "");
  let out = text;
  // the parameters' own values, longest first (a value may contain another), as whole words
  for (const value of values.filter((v) => v.length > 0).sort((a, b) => b.length - a.length))
    out = out.replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(value)}(?![A-Za-z0-9])`, "g"), " ");
  return (
    out
      .replace(/`[^`\n]*`/g, " ") // code spans
      .replace(/\]\([^)\s]*\)/g, "]") // Markdown link targets
      .replace(/https?:\/\/\S+/g, " ") // URLs
      .replace(/@[\w-]+(\/[\w-]+)?/g, " ") // @logins and @org/team
      .replace(/#\d+/g, " ") // #numbers
      .replace(/![\w-]+/g, " ") // YAML tags (!secret)
      .replace(/(?<![\w-])--[a-z][\w-]*/g, " ") // command-line options (--force)
      .replace(/\{[^{}\n]*\}/g, " ") // placeholders ({ticket}) ...
      .replace(/\{[^{}\n]*\}/g, " ") // ... and YAML flow mappings around them ({ key: JIRA, url: "…" })
      .replace(/\b[\w-]+(\.[\w-]+)+\b/g, " ") // dotted names: hosts, config keys (validation.http_hosts)
      // paths and globs (a slash inside), file names, config keys (snake_case, _extends)
      .replace(/[\w.*{}[\]-]*\/[\w./*{}[\]:-]*/g, " ")
      .replace(/\b[\w-]+\.(md|ya?ml|json|ts)\b/g, " ")
      .replace(/(?<![A-Za-z0-9])_?[a-z]+(_[a-z]+)+\b|(?<![A-Za-z0-9])_[a-z]+/g, " ")
  );
}

/**
 * English left in a Korean message's prose: words outside NAMES. A token with a digit in it is an
 * identifier or a value (`1d76db`, `P1`, `UTF-8`), and a token in capitals an acronym or a key
 * (`URL`, `JIRA`), not a word.
 */
function englishWords(text: string, params: unknown): string[] {
  return (prose(text, params).match(/[A-Za-z][\w-]*/g) ?? []).filter(
    (w) => w.length > 1 && !/\d/.test(w) && w !== w.toUpperCase() && !NAMES.has(w),
  );
}

const KEYS = Object.entries(CATALOG).flatMap(([topic, messages]) =>
  Object.keys(messages.en).map((key) => `${topic}.${key}` as TextKey),
);

/** Each key with each of its sample parameters (a plain string once, with none). */
const RENDERINGS = KEYS.flatMap((key) => {
  const samples = samplesOf(key) ?? [undefined];
  return samples.map((params, i) => ({ key, params, label: samples.length > 1 ? `${key} #${i + 1}` : key }));
});

const render = (language: (typeof LANGUAGES)[number], key: TextKey, params: unknown) =>
  (t as (l: string, k: string, p?: unknown) => string)(language, key, params);

/** Keys whose message is the same in every language on purpose. */
const NEUTRAL = new Set<string>(["merge.none"]);

describe("the text catalog", () => {
  it("has the same keys, and the same kind of message (string or function), in every language", () => {
    for (const [topic, messages] of Object.entries(CATALOG)) {
      const shape = (language: (typeof LANGUAGES)[number]) =>
        Object.entries(messages[language] as Record<string, unknown>)
          .map(([key, message]) => `${topic}.${key}: ${typeof message}`)
          .sort();
      for (const language of LANGUAGES) expect(shape(language)).toEqual(shape("en"));
    }
    expect(KEYS.length).toBeGreaterThan(150);
  });

  it("has samples for every key that takes parameters, and none for a plain string", () => {
    const wrong = KEYS.filter((key) => {
      const [topic, ...rest] = key.split(".");
      const message = (CATALOG[topic as keyof typeof CATALOG].en as Record<string, unknown>)[rest.join(".")];
      return (typeof message === "function") !== (samplesOf(key) !== undefined);
    });
    expect(wrong).toEqual([]);
  });

  it.each(RENDERINGS.map((r) => [r.label, r] as const))("%s: en and ko", (_label, { key, params }) => {
    const en = render("en", key, params);
    const ko = render("ko", key, params);
    expect(en.trim()).not.toBe("");
    expect(ko.trim()).not.toBe("");
    expect(ko).not.toMatch(HEDGE);
    if (!NEUTRAL.has(key)) expect(ko).toMatch(/[가-힣]/);
    // The yaml library's own messages the catalog does not translate stay as they are.
    const own = key.startsWith("problem.yaml") && !/[가-힣]/.test(ko.split(": ").slice(1).join(": "));
    if (!own) expect(englishWords(ko, params)).toEqual([]);
  });

  it("finds the English it should: a word outside code, values and names", () => {
    expect(englishWords("검증 방법(validation)이 없습니다", {})).toEqual([]);
    expect(englishWords("`paths`를 확인하세요: postmortems/**", {})).toEqual([]);
    expect(englishWords('"sytem"은 분류가 아닙니다', { value: "sytem" })).toEqual([]);
    expect(englishWords("@alice님이 #12를 닫았습니다", {})).toEqual([]);
    expect(englishWords("파일 2개 skipped", {})).toEqual(["skipped"]);
    expect(englishWords("grafana.internal처럼 쓰세요 (--force, {ticket}, JIRA)", {})).toEqual([]);
    expect(englishWords("Tickets are not evidence", {})).toEqual(["Tickets", "are", "not", "evidence"]);
    expect(englishWords("renamed from a.md: 이슈", {})).toEqual(["renamed", "from"]);
    expect("이름은(는)".match(HEDGE)).not.toBeNull();
    expect("경로(으)로".match(HEDGE)).not.toBeNull();
  });

  it("fails to compile when a language misses a key or has one more", () => {
    // @ts-expect-error ko lacks "b"
    defineTopic<{ a: string; b: string }>({ en: { a: "A", b: "B" }, ko: { a: "가" } });
    // @ts-expect-error ko has a key en does not
    defineTopic<{ a: string }>({ en: { a: "A" }, ko: { a: "가", c: "다" } });
    // @ts-expect-error a message with parameters must be a function of them
    defineTopic<{ a: { n: number } }>({ en: { a: ({ n }) => `${n}` }, ko: { a: "가" } });
    // @ts-expect-error a key of the catalog takes its parameters
    expect(() => t("en", "check.title.failure")).toThrow();
    // @ts-expect-error no such key
    expect(() => t("en", "check.no-such-key")).toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/domain/config/load.js";
import { parsePostmortem } from "../../../src/domain/postmortem/parse.js";

/** `services:` / `tags:` (precise) and `Services:` / `서비스:` lines (Markdown), with positions (issue 18). */

const config = defaultConfig();

const PRECISE = [
  "---",
  "title: Checkout errors",
  "date: 2026-01-27",
  "services: [checkout, payments-db]",
  "tags:",
  "  - dns",
  "  - failover",
  "root_cause:",
  "  summary: x",
  "followups:",
  "  short_term:",
  "    - id: pool-dns-refresh",
  "      title: Re-resolve",
  "      category: system",
  "      owner: luis",
  "      description: d",
  "      validation: [test/x.test.ts]",
  "---",
  "",
].join("\n");

describe("services and tags", () => {
  it("precise format: each name with its line and column", () => {
    const result = parsePostmortem("pm.md", PRECISE, config);
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(result.postmortem?.services).toEqual(["checkout", "payments-db"]);
    expect(result.scope).toEqual({
      services: [
        { name: "checkout", line: 4, column: 12 },
        { name: "payments-db", line: 4, column: 22 },
      ],
      tags: [
        { name: "dns", line: 6, column: 5 },
        { name: "failover", line: 7, column: 5 },
      ],
    });
  });

  it("precise format: a service that is not text is an error at its position; none means no scope", () => {
    const bad = parsePostmortem(
      "pm.md",
      PRECISE.replace("services: [checkout, payments-db]", "services: [checkout, 12]"),
      config,
    );
    expect(bad.problems.filter((p) => p.severity === "error").map((p) => [p.line, p.path])).toEqual([
      [4, "services[1]"],
    ]);
    const none = parsePostmortem(
      "pm.md",
      PRECISE.replace(/services:.*\n/, "").replace(/tags:\n( {2}- .*\n)+/, ""),
      config,
    );
    expect(none.scope).toBeUndefined();
  });

  const MARKDOWN = (meta: string) =>
    [
      "# 결제 장애",
      "",
      "날짜: 2026-03-02",
      meta,
      "",
      "## 후속 조치",
      "",
      "- [ ] 디스크 알림 추가 @mina",
      "",
    ].join("\n");

  const cases: [
    string,
    string,
    { services?: [string, number, number][]; tags?: [string, number, number][] },
  ][] = [
    [
      "Korean lines",
      "서비스: 결제 API, `checkout`\n태그: 디스크",
      {
        services: [
          ["결제 API", 4, 6],
          ["checkout", 4, 15],
        ],
        tags: [["디스크", 5, 5]],
      },
    ],
    [
      "English, in a list with bold labels",
      "- **Services:** checkout / cart\n- **Tags:** disk",
      {
        services: [
          ["checkout", 4, 17],
          ["cart", 4, 28],
        ],
        tags: [["disk", 5, 13]],
      },
    ],
    ["affected services, duplicates once", "Affected services: cart, Cart", { services: [["cart", 4, 20]] }],
    ["nothing", "Impact: 40 minutes", {}],
  ];
  for (const [name, meta, want] of cases)
    it(`Markdown: ${name}`, () => {
      const result = parsePostmortem("pm.md", MARKDOWN(meta), config);
      const as = (list?: { name: string; line: number; column: number }[]) =>
        list?.map((s) => [s.name, s.line, s.column]);
      const got = result.scope ? { services: as(result.scope.services), tags: as(result.scope.tags) } : {};
      const expected = Object.keys(want).length
        ? { services: want.services ?? [], tags: want.tags ?? [] }
        : {};
      expect(got).toEqual(expected);
      if (want.services) expect(result.postmortem?.services).toEqual(want.services.map(([n]) => n));
    });
});

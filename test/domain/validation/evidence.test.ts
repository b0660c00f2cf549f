import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfigText } from "../../../src/domain/config/load.js";
import { formatProblem } from "../../../src/domain/diagnostics/problem.js";
import { parsePostmortem } from "../../../src/domain/postmortem/parse.js";
import { checkEvidence, classifyEvidence } from "../../../src/domain/validation/evidence.js";

describe("classifyEvidence", () => {
  it.each([
    ["#123", { kind: "reference", number: 123 }],
    [" #7 ", { kind: "reference", number: 7 }],
    ["test/payments/gateway-config.test.ts", { kind: "path", path: "test/payments/gateway-config.test.ts" }],
    ["./docs/runbooks/payments.md", { kind: "path", path: "docs/runbooks/payments.md" }],
    ["docs/runbooks/", { kind: "path", path: "docs/runbooks" }],
    ["CHANGELOG.md", { kind: "path", path: "CHANGELOG.md" }],
    ["Dockerfile.dev", { kind: "path", path: "Dockerfile.dev" }],
    ["app.dev/kustomization.yaml", { kind: "path", path: "app.dev/kustomization.yaml" }],
    ["./grafana.example.com/d/x", { kind: "path", path: "grafana.example.com/d/x" }],
    [
      "https://grafana.example.com/d/payments",
      { kind: "url", url: "https://grafana.example.com/d/payments" },
    ],
    ["https://github.com/acme", { kind: "url", url: "https://github.com/acme" }],
  ])("%s is accepted", (entry, ref) => {
    expect(classifyEvidence(entry)).toEqual({ ok: true, ref });
  });

  it.each([
    ["https://github.com/acme/pay/pull/12", { type: "pull", number: 12 }],
    ["https://github.com/acme/pay/issues/3", { type: "issues", number: 3 }],
    [
      "https://github.com/acme/pay/blob/main/test/a.test.ts",
      { type: "blob", ref: "main", path: "test/a.test.ts" },
    ],
    ["https://github.com/acme/pay/tree/v1/docs", { type: "tree", ref: "v1", path: "docs" }],
    ["https://github.com/acme/pay/actions/workflows/canary.yml", { type: "workflow", file: "canary.yml" }],
    ["https://github.com/acme/pay/actions/runs/99", { type: "run", id: 99 }],
    ["https://github.com/acme/pay/commit/abc123", { type: "commit", sha: "abc123" }],
    ["https://github.com/acme/pay/wiki", { type: "other" }],
  ])("%s is recognised as a GitHub link", (entry, target) => {
    const result = classifyEvidence(entry);
    expect(result.ok && result.ref.kind === "github" && result.ref.target).toEqual(target);
    expect(result.ok && result.ref.kind === "github" && [result.ref.owner, result.ref.repo]).toEqual([
      "acme",
      "pay",
    ]);
  });

  it("recognises links to a GitHub Enterprise host only when told", () => {
    const url = "https://ghe.example.com/acme/pay/pull/5";
    expect(classifyEvidence(url)).toEqual({ ok: true, ref: { kind: "url", url } });
    const ghe = classifyEvidence(url, "GHE.example.com");
    expect(ghe.ok && ghe.ref.kind).toBe("github");
  });

  it.each([
    [
      "http://grafana.example.com/d/x",
      '"http://grafana.example.com/d/x" must use https (or list grafana.example.com in the config\'s validation.http_hosts)',
    ],
    ["ftp://files.example.com/x", '"ftp://files.example.com/x" must use https'],
    ["https://user:secret@example.com/x", "a URL must not carry credentials"],
    ["https://exa mple.com", '"https://exa mple.com" is not a valid URL'],
    [
      "/etc/ssl/renew.sh",
      '"/etc/ssl/renew.sh" is an absolute path; write the path relative to the repository root',
    ],
    ["../other/test.ts", '"../other/test.ts" leaves the repository ("..")'],
    ["docs/../../x.md", '"docs/../../x.md" leaves the repository ("..")'],
    ["#0", '"#0" is neither an https URL, a repository path, nor a pull request or issue like "#123"'],
    [
      "the on-call checked",
      '"the on-call checked" is neither an https URL, a repository path, nor a pull request or issue like "#123"',
    ],
    ["javascript:alert(1)", '"javascript:alert(1)" must use https'],
    // A "%" that is no escape in a GitHub link (found by the parser's property test: it threw).
    [
      "https://github.com/acme/pay/blob/main/%YAML 1.2",
      '"https://github.com/acme/pay/blob/main/%YAML 1.2" is not a valid URL',
    ],
    // The mistakes people make, each with the fix.
    [
      "grafana.example.com/d/payments",
      '"grafana.example.com/d/payments" looks like a web address without https://: write https://grafana.example.com/d/payments (a file of this repository: ./grafana.example.com/d/payments)',
    ],
    [
      "www.example.com/status",
      '"www.example.com/status" looks like a web address without https://: write https://www.example.com/status (a file of this repository: ./www.example.com/status)',
    ],
    [
      "docs/runbooks/db.md#failover",
      '"docs/runbooks/db.md#failover": a repository path cannot point into the file; write docs/runbooks/db.md, or the https link to the line on GitHub',
    ],
    ["#12 and #13", '"#12 and #13" names 2 references: write each (#12, #13) as its own entry'],
    ["PR #12", '"PR #12": write "#12" alone (one reference per entry; explain it in the description)'],
  ])("%s is refused", (entry, message) => {
    expect(classifyEvidence(entry)).toEqual({ ok: false, message });
  });

  it.each([".", "./", ".", ".//", "././", " . "])(
    "%j is the repository itself: refused, in English and Korean, and never looked up",
    (entry) => {
      const text = entry.trim();
      expect(classifyEvidence(entry)).toEqual({
        ok: false,
        message: `"${text}" is the whole repository, which proves nothing: name the test, file or directory that shows the fix works`,
      });
      expect(classifyEvidence(entry, "github.com", "ko")).toEqual({
        ok: false,
        message: `"${text}": 저장소 전체를 가리키므로 증거가 되지 않습니다. 해결책이 동작함을 보여 주는 테스트, 파일 또는 디렉터리를 쓰세요`,
      });
      expect(checkEvidence(entry)).toMatchObject({
        ok: false,
        problem: { code: "evidence-repository-root" },
      });
    },
  );

  it.each([
    "https://github.com/acme/pay/tree/main",
    "https://github.com/acme/pay/tree/main/",
    "https://github.com/acme/pay/tree/main/.",
    "https://github.com/acme/pay/blob/main/./",
  ])("%s (the repository's root on GitHub) is refused", (entry) => {
    expect(checkEvidence(entry)).toMatchObject({ ok: false, problem: { code: "evidence-repository-root" } });
  });

  it.each([
    ["./docs/./runbooks//db.md", "docs/runbooks/db.md"],
    ["docs/./", "docs"],
    [".github/workflows", ".github/workflows"],
    [".env.example", ".env.example"],
  ])("%s is the path %s", (entry, path) => {
    expect(classifyEvidence(entry)).toEqual({ ok: true, ref: { kind: "path", path } });
  });

  it("a postmortem naming `.` gets the error at the entry's line and column", () => {
    const file = [
      "---",
      "title: Payments outage",
      "date: 2026-03-12",
      "followups:",
      "  short_term:",
      "    - id: fix",
      "      title: Fix it",
      "      category: system",
      "      validation:",
      "        - .",
      '        - "./"',
      "---",
      "",
    ].join("\n");
    const problems = parsePostmortem("postmortems/p.md", file, defaultConfig()).problems.filter(
      (p) => p.code === "evidence-repository-root",
    );
    expect(problems.map(formatProblem)).toEqual([
      'postmortems/p.md:10:11 error followups.short_term[0].validation[0]: "." is the whole repository, which proves nothing: name the test, file or directory that shows the fix works',
      'postmortems/p.md:11:11 error followups.short_term[0].validation[1]: "./" is the whole repository, which proves nothing: name the test, file or directory that shows the fix works',
    ]);
  });

  it("truncates long text in messages", () => {
    const result = classifyEvidence(`${"word ".repeat(40)}`);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^"(word ){16}…" is neither/);
  });
});

describe("the config's allow-lists: validation.http_hosts and validation.tickets", () => {
  const rules = {
    githubHost: "github.com",
    httpHosts: ["grafana.internal"],
    tickets: [{ key: "JIRA", url: "https://jira.example.com/browse/{ticket}" }],
  };

  it("accepts http on a listed host (form only), and only there", () => {
    expect(checkEvidence("http://grafana.internal/d/payments", rules)).toEqual({
      ok: true,
      ref: { kind: "url", url: "http://grafana.internal/d/payments" },
    });
    expect(classifyEvidence("http://grafana.other/d/payments", rules)).toEqual({
      ok: false,
      message:
        '"http://grafana.other/d/payments" must use https (or list grafana.other in the config\'s validation.http_hosts)',
    });
    // Credentials are refused on an allowed host too.
    expect(classifyEvidence("http://u:p@grafana.internal/d", rules)).toEqual({
      ok: false,
      message: "a URL must not carry credentials",
    });
  });

  it("turns a listed ticket key into its link, and names the setting for an unlisted one", () => {
    expect(checkEvidence("JIRA-123", rules)).toEqual({
      ok: true,
      ref: { kind: "url", url: "https://jira.example.com/browse/JIRA-123", label: "JIRA-123" },
    });
    expect(classifyEvidence("OPS-7", rules)).toEqual({
      ok: false,
      message:
        '"OPS-7" looks like a ticket: to accept OPS tickets, add { key: OPS, url: "https://…/{ticket}" } to the config\'s validation.tickets',
    });
    expect(classifyEvidence("JIRA-0123", rules).ok).toBe(false);
  });

  it("reaches the postmortem check through the config", () => {
    const file = [
      "---",
      "title: Payments outage",
      "date: 2026-03-12",
      "followups:",
      "  short_term:",
      "    - id: fix",
      "      title: Fix it",
      "      category: system",
      "      owner: alice",
      "      description: Done when the alert fires in staging.",
      "      validation:",
      "        - JIRA-42",
      "        - http://grafana.internal/d/x",
      "---",
      "",
    ].join("\n");
    const base = defaultConfig();
    const without = parsePostmortem("postmortems/p.md", file, base).problems.map((p) => p.code);
    expect(without).toEqual(["no-root-cause", "evidence-unknown-ticket", "evidence-not-https"]);
    const config = {
      ...base,
      validation: { ...base.validation, httpHosts: rules.httpHosts, tickets: rules.tickets },
    };
    expect(parsePostmortem("postmortems/p.md", file, config).problems.map((p) => p.code)).toEqual([
      "no-root-cause",
    ]);
  });
});

describe("config: validation.http_hosts and validation.tickets", () => {
  it("refuses a host with a scheme, a lowercase key and a URL without {ticket}, each at its place", () => {
    const text = [
      "validation:",
      "  http_hosts: [http://grafana.internal]",
      "  tickets:",
      "    - key: jira",
      "      url: https://jira.example.com/browse/",
    ].join("\n");
    const result = parseConfigText(text);
    expect(result.problems.map(formatProblem)).toEqual([
      ".github/postmortem-followups.yml:2:16 error validation.http_hosts[0]: must be a host name without scheme, port or path, such as grafana.internal",
      ".github/postmortem-followups.yml:4:12 error validation.tickets[0].key: must be a project key in capitals, such as JIRA or OPS",
      ".github/postmortem-followups.yml:5:12 error validation.tickets[0].url: must be an https URL containing {ticket}, such as https://jira.example.com/browse/{ticket}",
    ]);
  });
});

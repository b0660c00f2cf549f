import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../../src/domain/config/load.js";
import { toFrontMatter } from "../../../../src/domain/followups/front-matter-form.js";
import { toParsedFollowups } from "../../../../src/domain/postmortem/from-markdown.js";
import { readMarkdownPostmortem } from "../../../../src/domain/postmortem/markdown/read.js";
import { parsePostmortem } from "../../../../src/domain/postmortem/parse.js";

/** A follow-up's repository in plain Markdown (issue 17): a Repository / 저장소 column, or `repo:` in the text. */

const TABLE = [
  "# Payments outage",
  "",
  "Date: 2026-03-02",
  "",
  "## Action Items",
  "",
  "| Action Item | Owner | Repository |",
  "| --- | --- | --- |",
  "| Cap the pool | @mina | acme/payments |",
  "| Add a runbook | @mina | [acme/runbooks](https://github.com/acme/runbooks) |",
  "| Retry the webhook | @mina | payments |",
  "| Alert on queue depth | @mina | |",
  "",
].join("\n");

describe("the Markdown reader's repository", () => {
  it("a Repository column: owner/name or a link to it; anything else a warning at the row", () => {
    const result = readMarkdownPostmortem("postmortems/pay.md", TABLE);
    expect(result.items.map((i) => [i.line, i.title, i.repo])).toEqual([
      [9, "Cap the pool", "acme/payments"],
      [10, "Add a runbook", "acme/runbooks"],
      [11, "Retry the webhook", undefined],
      [12, "Alert on queue depth", undefined],
    ]);
    expect(result.problems.filter((p) => p.code === "markdown-bad-repository")).toEqual([
      {
        file: "postmortems/pay.md",
        line: 11,
        column: 1,
        severity: "warning",
        path: "",
        code: "markdown-bad-repository",
        message:
          'repository "payments" is not owner/name (such as acme/payments): the follow-up stays in the postmortem\'s repository',
      },
    ]);
    expect(toParsedFollowups(result).map((f) => f.repo)).toEqual([
      "acme/payments",
      "acme/runbooks",
      undefined,
      undefined,
    ]);
  });

  it.each([
    ["- [ ] Cap the pool (owner: @mina, repo: acme/payments)", "acme/payments", "Cap the pool"],
    ["- [ ] Cap the pool — repository: acme/payments", "acme/payments", "Cap the pool"],
    ["- [ ] 풀 크기 제한 (담당: @mina, 저장소: acme/payments)", "acme/payments", "풀 크기 제한"],
    ["| Cap the pool | @mina | ACME/Payments |", "ACME/Payments", "Cap the pool"],
  ])("%s", (line, repo, title) => {
    const header = line.startsWith("|") ? "| Action Item | Owner | 저장소 |\n| --- | --- | --- |\n" : "";
    const result = readMarkdownPostmortem(
      "p.md",
      `# X\n\nDate: 2026-03-02\n\n## Action Items\n\n${header}${line}\n`,
    );
    expect(result.items.map((i) => [i.title, i.repo])).toEqual([[title, repo]]);
  });

  it("parsePostmortem and convert --to front-matter carry repo over", () => {
    const config = defaultConfig();
    expect(parsePostmortem("postmortems/pay.md", TABLE, config).followups.map((f) => f.repo)).toEqual([
      "acme/payments",
      "acme/runbooks",
      undefined,
      undefined,
    ]);
    const form = toFrontMatter("postmortems/pay.md", TABLE, config);
    expect(
      form.ok &&
        form.text
          .split("\n---\n")[0]!
          .split("\n")
          .filter((l) => l.includes("repo:")),
    ).toEqual(["      repo: acme/payments", "      repo: acme/runbooks"]);
    // The precise form reads back the same repositories (it has errors until evidence is added).
    if (!form.ok) throw new Error("convert failed");
    const back = parsePostmortem("postmortems/pay.md", form.text, config).postmortem;
    expect(back?.followups.long_term?.map((f) => f.repo)).toEqual([
      "acme/payments",
      "acme/runbooks",
      undefined,
      undefined,
    ]);
  });
});

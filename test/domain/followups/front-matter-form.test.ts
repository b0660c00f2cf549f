import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/domain/config/load.js";
import { toFrontMatter } from "../../../src/domain/followups/front-matter-form.js";
import { parsePostmortem } from "../../../src/domain/postmortem/parse.js";

/**
 * `convert --to front-matter` (issue 14): the precise form written from a Markdown postmortem parses
 * back to the same follow-ups, with the same ids, on every example and fixture.
 */

const ROOT = join(import.meta.dirname, "../../..");
const FILES = [
  "examples/postmortems/2026-03-03-search-overload.md",
  "examples/postmortems/2026-04-07-payment-timeout.ko.md",
  "test/fixtures/markdown/sre-book-shakespeare.md",
  "test/fixtures/markdown/ko-table.md",
  "test/fixtures/markdown/ko-list.md",
  "test/fixtures/markdown/pagerduty-template.md",
  "test/fixtures/markdown/setext-headings.md",
  "test/fixtures/markdown/oss-incident-bullets.md",
];

const config = defaultConfig();
const loose = { ...config, validation: { ...config.validation, required: false } };
const withoutLines = (followups: readonly { line: number }[]) => followups.map(({ line: _line, ...f }) => f);

describe("toFrontMatter: the round trip", () => {
  it.each(FILES)("%s", (file) => {
    const path = `postmortems/${file.split("/").pop()!.replace(".ko.md", ".md")}`;
    const text = readFileSync(join(ROOT, file), "utf8");
    const before = parsePostmortem(path, text, config);
    expect(before.markdown, "read as plain Markdown").toBeDefined();
    const result = toFrontMatter(path, text, config);
    if (!result.ok) throw new Error(`${file}: ${result.reason}`);
    // The precise form requires validation where Markdown only warns (validation.markdown): each item
    // without evidence is an error there (and creates nothing), and the converter says so.
    const strict = parsePostmortem(path, result.text, config);
    expect(strict.markdown, "read as the precise form").toBeUndefined();
    const errors = strict.problems.filter((p) => p.severity === "error");
    expect(errors.map((p) => p.code)).toEqual(errors.map(() => "missing-validation"));
    expect(errors.length).toBe(result.notes.filter((n) => n.kind === "no-validation").length);
    // With validation not required, the same follow-ups, same ids, same order, nothing else wrong.
    const after = parsePostmortem(path, result.text, loose);
    expect(after.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(withoutLines(after.followups)).toEqual(withoutLines(before.followups));
    expect(after.followups.length).toBe(result.followups);
    expect(after.postmortem).toMatchObject({
      title: before.postmortem!.title,
      date: before.postmortem!.date,
    });
    // the Markdown body is kept, word for word
    const body = text.startsWith("---") ? text.slice(text.indexOf("\n---", 3) + 4) : text;
    expect(result.text.endsWith(body.replace(/^\r?\n/, ""))).toBe(true);
    // converting again: it is the precise form already
    expect(toFrontMatter(path, result.text, config)).toMatchObject({
      ok: false,
      reason: "already-front-matter",
    });
  });

  it("says what the precise form cannot hold: done items, adoptions, owners that are not logins", () => {
    const text = [
      "# Disk full",
      "",
      "Date: 2026-03-02",
      "",
      "## Action Items",
      "",
      "| Action Item | Owner | Bug |",
      "| --- | --- | --- |",
      "| Add a disk alert | @mina | |",
      "| Rotate the logs | SRE | |",
      "| Resize the volume | @mina | #12 |",
      "| Clean the tmp dir | @mina | DONE |",
      "",
    ].join("\n");
    const result = toFrontMatter("postmortems/disk.md", text, config);
    expect(result.ok && result.notes).toEqual([
      { line: 9, id: "add-a-disk-alert", kind: "no-validation" },
      { line: 10, id: "rotate-the-logs", kind: "owner-text", detail: "SRE" },
      { line: 10, id: "rotate-the-logs", kind: "no-validation" },
      { line: 11, id: "resize-the-volume", kind: "adoption-lost", detail: "#12" },
      { line: 11, id: "resize-the-volume", kind: "no-validation" },
      { line: 12, id: "clean-the-tmp-dir", kind: "done-left-out" },
    ]);
    expect(result.ok && result.text.split("\n---\n")[0]).toBe(
      [
        "---",
        "title: Disk full",
        "date: 2026-03-02",
        "followups:",
        "  long_term:",
        "    - id: add-a-disk-alert",
        "      title: Add a disk alert",
        "      category: tooling",
        "      owner: mina",
        "    - id: rotate-the-logs",
        "      title: Rotate the logs",
        "      category: system",
        "    - id: resize-the-volume",
        "      title: Resize the volume",
        "      category: system",
        "      owner: mina",
      ].join("\n"),
    );
  });

  it("refuses a file with errors or without a postmortem, saying why", () => {
    expect(toFrontMatter("postmortems/x.md", "# Notes\n\nNothing here.\n", config)).toMatchObject({
      ok: false,
      reason: "not-a-postmortem",
    });
    const noDate = "# Outage\n\n## Action Items\n\n- Add an alert\n";
    expect(toFrontMatter("postmortems/x.md", noDate, config)).toMatchObject({ ok: false });
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pinIds } from "../../../src/domain/followups/pin-ids.js";
import { readMarkdownPostmortem } from "../../../src/domain/postmortem/markdown/read.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/markdown");

describe("pinIds (convert)", () => {
  for (const name of [
    "sre-book-shakespeare.md",
    "ko-table.md",
    "ko-list.md",
    "pagerduty-template.md",
    "setext-headings.md",
  ]) {
    it(`${name}: every derived id is pinned with the same id, titles unchanged`, () => {
      const text = readFileSync(join(FIXTURES, name), "utf8");
      const before = readMarkdownPostmortem(name, text).items;
      const result = pinIds(name, text);
      const after = readMarkdownPostmortem(name, result.text).items;
      expect(after.map((i) => [i.id, i.title])).toEqual(before.map((i) => [i.id, i.title]));
      const derived = before.filter((i) => i.idSource === "slug" || i.idSource === "hash");
      expect(result.pinned.length + result.unpinned.length).toBe(derived.length);
      expect(result.pinned.length).toBeGreaterThan(0);
      expect(result.unpinned).toEqual([]);
      for (const p of result.pinned) expect(after.find((i) => i.line === p.line)?.idSource).toBe("anchor");
      // Pinning twice changes nothing.
      expect(pinIds(name, result.text)).toMatchObject({ text: result.text, pinned: [] });
    });
  }

  it("a table row gets its anchor in the title cell", () => {
    const text =
      "# Outage\n\nDate: 2026-03-02\n\n## Action Items\n\n| Action Item | Owner |\n| --- | --- |\n| Add a disk alert | @mina |\n";
    const result = pinIds("p.md", text);
    expect(result.text.split("\n")[8]).toBe("| Add a disk alert {#add-a-disk-alert} | @mina |");
    expect(result.pinned).toEqual([{ line: 9, id: "add-a-disk-alert" }]);
  });
});

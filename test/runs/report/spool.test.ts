import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { SpoolDir } from "../../../src/runs/report/spool.js";

/** The temporary files `report --org` writes its rows to (issue 19): what goes in comes back, in order. */

describe("Spool", () => {
  it("reads back every row in order, across buffer boundaries and multibyte text, and one row at its place", () => {
    const dir = new SpoolDir();
    const spool = dir.spool<{ n: number; title: string }>("rows");
    const places = [];
    // ~3 MB: many 64 KiB chunks, rows cut at chunk edges, Korean (3 bytes a character) and newlines in values.
    for (let n = 0; n < 20_000; n++)
      places.push(spool.append({ n, title: `후속 조치 ${n}\n${"x".repeat(n % 300)}` }));
    const rows = [...spool.rows()];
    expect(rows).toHaveLength(20_000);
    expect(rows.every((r, i) => r.n === i && r.title === `후속 조치 ${i}\n${"x".repeat(i % 300)}`)).toBe(
      true,
    );
    // Twice: the file is read again, not consumed.
    expect([...spool.rows()].length).toBe(20_000);
    expect(spool.at(places[12_345]!)).toEqual({
      n: 12_345,
      title: `후속 조치 12345\n${"x".repeat(12_345 % 300)}`,
    });
    const folder = dirname(spool.path);
    expect(existsSync(folder)).toBe(true);
    dir.close();
    expect(existsSync(folder)).toBe(false);
  });

  it("an empty spool reads as nothing", () => {
    const dir = new SpoolDir();
    expect([...dir.spool("none").rows()]).toEqual([]);
    dir.close();
  });
});

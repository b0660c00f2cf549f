import { readMarkdownPostmortem } from "../postmortem/markdown/read.js";
import type { MarkdownItem, MarkdownReadOptions } from "../postmortem/markdown/types.js";

/**
 * `convert`: pin each derived id of a plain Markdown postmortem with a `{#id}` anchor after the
 * item's title, so later edits of the title keep the id. Every edit is checked by reading the
 * result again: an anchor the reader does not take back as that item's id is dropped and reported.
 */
export interface PinResult {
  text: string;
  pinned: { line: number; id: string }[];
  /** Items whose anchor could not be placed where the reader takes it. */
  unpinned: { line: number; id: string }[];
}

const DERIVED = new Set(["slug", "hash"]);

/** The line with ` {#id}` after the item's title, or null when the title is not found on it. */
function anchored(line: string, item: MarkdownItem): string | null {
  const anchor = ` {#${item.id}}`;
  if (item.shape === "table") {
    const cells = line.split(/(?<!\\)\|/);
    const at = cells.findIndex((cell) => cell.includes(item.title));
    if (at < 0) return null;
    cells[at] = cells[at]!.replace(/\s*$/, `${anchor} `);
    return cells.join("|");
  }
  const bold = `**${item.title}**`;
  if (line.includes(bold)) return line.replace(bold, `**${item.title}${anchor}**`);
  if (item.shape === "heading") return line.replace(/\s*#*\s*$/, anchor);
  return line.replace(/\s*$/, anchor);
}

export function pinIds(file: string, text: string, options: MarkdownReadOptions = {}): PinResult {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const original = text.split(/\r?\n/);
  const before = readMarkdownPostmortem(file, text, options).items.filter((i) => DERIVED.has(i.idSource));
  let candidates = before;
  for (let attempt = 0; attempt < 2; attempt++) {
    const lines = [...original];
    const tried: MarkdownItem[] = [];
    for (const item of candidates) {
      const edited = anchored(lines[item.line - 1] ?? "", item);
      if (edited === null) continue;
      lines[item.line - 1] = edited;
      tried.push(item);
    }
    const out = lines.join(eol);
    const after = new Map(readMarkdownPostmortem(file, out, options).items.map((i) => [i.line, i]));
    const ok = tried.filter((item) => {
      const again = after.get(item.line);
      return again?.id === item.id && again.idSource === "anchor" && again.title === item.title;
    });
    if (ok.length === tried.length) {
      const done = new Set(ok);
      return {
        text: out,
        pinned: ok.map((i) => ({ line: i.line, id: i.id })),
        unpinned: before.filter((i) => !done.has(i)).map((i) => ({ line: i.line, id: i.id })),
      };
    }
    candidates = ok;
  }
  return { text, pinned: [], unpinned: before.map((i) => ({ line: i.line, id: i.id })) };
}

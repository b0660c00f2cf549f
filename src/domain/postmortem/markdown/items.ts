import type { List, ListItem, Nodes, Paragraph, RootContent, Table } from "mdast";
import { LIMITS } from "../schema.js";
import { termWord } from "./classify.js";
import { type ColumnMap, mapColumns } from "./columns.js";
import { commentId } from "./identity.js";
import { boldOnly, headingLikes, plainText } from "./sections.js";
import type { ColumnKind, MarkdownItem } from "./types.js";

/** An item as found, before its fields are read. */
export interface RawItem {
  shape: MarkdownItem["shape"];
  line: number;
  column: number;
  /** The title line as written (markers and fields still in it). */
  title: string;
  /** Markdown source of the rest of the item. */
  description: string;
  /** URLs of links in the item. */
  links: string[];
  /** `<!-- id: x -->` in the item. */
  commentId?: string;
  /** Task-list checkbox. */
  checked?: boolean;
  /** The title is struck through. */
  struck: boolean;
  /** Cells by column kind (tables). */
  cells: Partial<Record<ColumnKind, string>>;
  /** Link URLs by column kind (tables). */
  cellLinks?: Partial<Record<ColumnKind, string[]>>;
  /** Text of the sub-headings the item is under (inside the section). */
  context: string;
}

export interface CollectLimits {
  /** Items beyond this are counted, not read. */
  max: number;
  columns?: Partial<Record<ColumnKind, readonly string[]>>;
}

interface Walk {
  text: string;
  links: string[];
  html: string[];
}

function walk(node: Nodes, out: Walk, depth = 0): void {
  if (depth > 40) return;
  switch (node.type) {
    case "html":
      out.html.push(node.value);
      return;
    case "break":
      out.text += "\n";
      return;
    case "image":
      out.text += node.alt ?? "";
      return;
    case "link":
      if (out.links.length < 50) out.links.push(node.url);
      break;
    case "footnoteReference":
      return;
  }
  if ("value" in node) out.text += node.value;
  if ("children" in node) for (const c of node.children as Nodes[]) walk(c, out, depth + 1);
}

function walkAll(nodes: readonly Nodes[]): Walk {
  const out: Walk = { text: "", links: [], html: [] };
  for (const n of nodes) walk(n, out);
  return out;
}

function isStruck(p: Paragraph): boolean {
  const kids = p.children.filter((c) => !(c.type === "text" && c.value.trim() === "") && c.type !== "html");
  return (
    kids.length > 0 &&
    kids[0]!.type === "delete" &&
    kids.every((c) => c.type === "delete" || (c.type === "text" && !/[\p{L}\p{N}]/u.test(c.value)))
  );
}

function source(text: string, nodes: readonly RootContent[]): string {
  if (nodes.length === 0) return "";
  const start = nodes[0]!.position?.start.offset;
  const end = nodes[nodes.length - 1]!.position?.end.offset;
  if (start === undefined || end === undefined) return nodes.map((n) => plainText(n)).join("\n");
  const lines = text.slice(start, Math.min(end, start + LIMITS.textLength)).split("\n");
  const lead = (l: string) => l.length - l.trimStart().length;
  let indent = 99;
  for (let i = 1; i < lines.length; i++) if (lines[i]!.trim()) indent = Math.min(indent, lead(lines[i]!));
  return lines
    .map((l, i) => (i === 0 ? l : l.slice(Math.min(indent, lead(l)))))
    .join("\n")
    .trim();
}

/** Title and description of a paragraph: `**Title**: description`, or first line / other lines. */
function splitParagraph(p: Paragraph): { title: string; rest: string; walk: Walk } {
  const w = walkAll([p]);
  const first = p.children[0];
  if (first?.type === "strong") {
    const strongText = plainText(first).trim();
    const after = p.children[1];
    if (strongText.endsWith(":") || strongText.endsWith("："))
      return {
        title: strongText.slice(0, -1).trim(),
        rest: w.text.slice(w.text.indexOf(strongText) + strongText.length).trim(),
        walk: w,
      };
    if (after?.type === "text" && /^\s*[:：]/.test(after.value)) {
      const at = w.text.indexOf(strongText) + strongText.length;
      return {
        title: strongText,
        rest: w.text
          .slice(at)
          .replace(/^\s*[:：]\s*/, "")
          .trim(),
        walk: w,
      };
    }
  }
  const nl = w.text.indexOf("\n");
  return nl < 0
    ? { title: w.text.trim(), rest: "", walk: w }
    : { title: w.text.slice(0, nl).trim(), rest: w.text.slice(nl + 1).trim(), walk: w };
}

function listItem(
  text: string,
  li: ListItem,
  context: string,
  items: RawItem[],
  limits: CollectLimits,
  counter: { n: number },
): void {
  const [head, ...rest] = li.children;
  const para = head?.type === "paragraph" ? head : undefined;
  const split = para
    ? splitParagraph(para)
    : { title: "", rest: "", walk: { text: "", links: [], html: [] } };
  // `- Short term:` with a nested list: a group label, its nested items are the items.
  const label = split.title.replace(/[:：]\s*$/, "").trim();
  const nested = rest.filter((c): c is List => c.type === "list");
  if (
    nested.length > 0 &&
    !split.rest &&
    label.split(/\s+/).length <= 4 &&
    (termWord(label) || /^(?:done|completed|완료)$/i.test(label))
  ) {
    for (const list of nested)
      for (const child of list.children) listItem(text, child, `${context} ${label}`, items, limits, counter);
    return;
  }
  counter.n++;
  if (items.length >= limits.max) return;
  const restWalk = walkAll(rest);
  const desc = [split.rest, source(text, rest)].filter(Boolean).join("\n\n");
  const html = [...split.walk.html, ...restWalk.html];
  items.push({
    shape: typeof li.checked === "boolean" ? "task" : "list",
    line: li.position?.start.line ?? 1,
    column: li.position?.start.column ?? 1,
    title: split.title,
    description: desc,
    links: [...split.walk.links, ...restWalk.links],
    commentId: html.map(commentId).find(Boolean),
    checked: typeof li.checked === "boolean" ? li.checked : undefined,
    struck: para ? isStruck(para) : false,
    cells: {},
    context,
  });
}

function table(
  t: Table,
  context: string,
  items: RawItem[],
  limits: CollectLimits,
  counter: { n: number },
): void {
  const [header, ...rows] = t.children;
  if (!header) return;
  const map: ColumnMap = mapColumns(
    header.children.map((c) => plainText(c)),
    limits.columns,
  );
  if (map.title === undefined) return;
  for (const row of rows) {
    const cellWalks = row.children.map((c) => walkAll([c]));
    const cells: Partial<Record<ColumnKind, string>> = {};
    const cellLinks: Partial<Record<ColumnKind, string[]>> = {};
    for (const [kind, i] of Object.entries(map) as [ColumnKind, number][]) {
      const v = cellWalks[i]?.text.trim();
      if (v) cells[kind] = v;
      if (cellWalks[i]?.links.length) cellLinks[kind] = cellWalks[i]!.links;
    }
    const titleCell = row.children[map.title];
    const title = cells.title ?? "";
    if (!title || /^[-–—\s]*$/.test(title)) continue;
    counter.n++;
    if (items.length >= limits.max) continue;
    const titlePara = titleCell
      ? ({ type: "paragraph", children: titleCell.children } as Paragraph)
      : undefined;
    const html = cellWalks.flatMap((w) => w.html);
    items.push({
      shape: "table",
      line: row.position?.start.line ?? 1,
      column: row.position?.start.column ?? 1,
      title,
      description: "",
      links: cellWalks.flatMap((w) => w.links),
      commentId: html.map(commentId).find(Boolean),
      struck: titlePara ? isStruck(titlePara) : false,
      cells,
      cellLinks,
      context,
    });
  }
}

/**
 * The items of a section body. Sub-headings with a list or table under them are groups (their
 * words set term/status context); a sub-heading with only prose under it is one item.
 */
export function collectItems(
  text: string,
  body: readonly RootContent[],
  limits: CollectLimits,
): { items: RawItem[]; count: number } {
  const items: RawItem[] = [];
  const counter = { n: 0 };
  const subs = headingLikes(body);
  const stack: { level: number; text: string }[] = [];
  const contextOf = () => stack.map((s) => s.text).join(" ");
  let s = 0;
  for (let i = 0; i < body.length; i++) {
    const node = body[i]!;
    const sub = subs[s]?.index === i ? subs[s++] : undefined;
    if (sub) {
      const end = subs[s]?.index ?? body.length;
      const block = body.slice(i + 1, end);
      while (stack.length > 0 && stack[stack.length - 1]!.level >= sub.level) stack.pop();
      if (block.some((n) => n.type === "list" || n.type === "table") || block.length === 0) {
        stack.push({ level: sub.level, text: sub.text });
        continue;
      }
      counter.n++;
      if (items.length < limits.max) {
        const w = walkAll(block);
        const head = walkAll([sub.node]);
        items.push({
          shape: "heading",
          line: sub.node.position?.start.line ?? 1,
          column: sub.node.position?.start.column ?? 1,
          title: head.text.trim() || sub.text,
          description: source(
            text,
            block.filter((n) => n.type !== "html"),
          ),
          links: [...head.links, ...w.links],
          commentId: [...head.html, ...w.html].map(commentId).find(Boolean),
          struck: sub.node.type === "heading" && isStruck({ type: "paragraph", children: sub.node.children }),
          cells: {},
          context: contextOf(),
        });
      }
      i = end - 1;
      continue;
    }
    if (node.type === "list")
      for (const li of node.children) listItem(text, li, contextOf(), items, limits, counter);
    else if (node.type === "table") table(node, contextOf(), items, limits, counter);
    else if (boldOnly(node) !== undefined) continue;
  }
  return { items, count: counter.n };
}

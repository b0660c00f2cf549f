import type { Heading, Nodes, Paragraph, RootContent } from "mdast";
import { toString as mdastText } from "mdast-util-to-string";

/** A heading-like block: a heading (level 1..6) or a paragraph that is only bold text (level 7). */
export interface HeadingLike {
  index: number;
  level: number;
  text: string;
  node: Heading | Paragraph;
}

const INCLUDE_STRONG = [
  "action item",
  "follow up",
  "followup",
  "액션 아이템",
  "액션아이템",
  "후속 조치",
  "후속조치",
];
const INCLUDE = [
  ...INCLUDE_STRONG,
  "remediation",
  "corrective and preventative",
  "corrective and preventive",
  "corrective action",
  "preventive action",
  "preventative action",
  "preventive measure",
  "preventative measure",
  "next step",
  "재발 방지",
  "재발방지",
  "조치 계획",
  "조치계획",
  "조치 사항",
  "조치사항",
  "조치 일정",
  "개선 과제",
  "개선과제",
];
const EXCLUDE = ["timeline", "lessons learned", "lesson learned", "what went well", "타임라인", "교훈"];

/** Lower case, dashes as spaces, spaces collapsed. */
export function normaliseHeading(text: string): string {
  return text
    .toLowerCase()
    .replace(/[-_‐–]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether a heading names a follow-up section. Exclusions win unless a strong phrase is there too. */
export function isFollowupHeading(text: string, extra: readonly string[] = []): boolean {
  const t = normaliseHeading(text);
  const extraHit = extra.some((p) => t.includes(normaliseHeading(p)));
  const include = extraHit || INCLUDE.some((p) => t.includes(p));
  if (!include) return false;
  if (EXCLUDE.some((p) => t.includes(p))) return extraHit || INCLUDE_STRONG.some((p) => t.includes(p));
  return true;
}

/** Plain text of a node (no HTML). */
export function plainText(node: Nodes): string {
  return mdastText(node, { includeHtml: false });
}

/** A paragraph whose only content is one strong (optionally followed by ":"). */
export function boldOnly(node: RootContent): string | undefined {
  if (node.type !== "paragraph") return undefined;
  const kids = node.children.filter((c) => !(c.type === "text" && /^[\s:：]*$/.test(c.value)));
  if (kids.length !== 1 || kids[0]!.type !== "strong") return undefined;
  const text = plainText(kids[0]!)
    .replace(/[:：]\s*$/, "")
    .trim();
  return text && text.length <= 120 ? text : undefined;
}

export function headingLikes(nodes: readonly RootContent[]): HeadingLike[] {
  const out: HeadingLike[] = [];
  nodes.forEach((node, index) => {
    if (node.type === "heading") out.push({ index, level: node.depth, text: plainText(node).trim(), node });
    else {
      const bold = boldOnly(node);
      if (bold !== undefined) out.push({ index, level: 7, text: bold, node: node as Paragraph });
    }
  });
  return out;
}

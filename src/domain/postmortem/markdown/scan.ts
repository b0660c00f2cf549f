import { isFollowupHeading } from "./sections.js";

/**
 * A line scan for headings (ATX, setext, bold-only lines) outside fenced code: cheap, linear, and
 * what decides which parts of a file the Markdown parser sees at all. micromark costs about a
 * second per MiB of dense inline text, so only the follow-up sections are parsed (each up to
 * SECTION_BYTES); the rest of a large postmortem is never tokenised.
 */

export interface ScannedHeading {
  /** 0-based line index. */
  line: number;
  level: number;
  text: string;
}

export const SECTION_BYTES = 128 * 1024;

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$/;
const BOLD = /^ {0,3}(?:\*\*([^*\n]{1,120})\*\*|__([^_\n]{1,120})__)[ \t]*[:：]?[ \t]*$/;

function stripInline(text: string): string {
  return text
    .replace(/[*_`]/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim();
}

export function scanHeadings(lines: readonly string[], from: number): ScannedHeading[] {
  const out: ScannedHeading[] = [];
  let fence: string | undefined;
  for (let i = from; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.length > 1000 ? raw.slice(0, 1000) : raw;
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (!fence) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = undefined;
      continue;
    }
    if (fence) continue;
    const atx = ATX.exec(line);
    if (atx) {
      out.push({
        line: i,
        level: atx[1]!.length,
        text: stripInline((atx[2] ?? "").replace(/[ \t]+#+$/, "")),
      });
      continue;
    }
    const next = lines[i + 1];
    if (
      next !== undefined &&
      line.trim() &&
      !/^ {0,3}[-*+>|]|^ {4}/.test(line) &&
      /^ {0,3}(?:=+|-+)[ \t]*$/.test(next)
    ) {
      const prev = i > from ? lines[i - 1]! : "";
      if (!prev.trim() || ATX.test(prev)) {
        out.push({ line: i, level: next.trim()[0] === "=" ? 1 : 2, text: stripInline(line) });
        i++;
        continue;
      }
    }
    const bold = BOLD.exec(line);
    if (bold)
      out.push({ line: i, level: 7, text: (bold[1] ?? bold[2] ?? "").replace(/[:：]\s*$/, "").trim() });
  }
  return out;
}

export interface ScannedSection {
  heading: ScannedHeading;
  /** 0-based line range [start, end) of the section, heading included. */
  start: number;
  end: number;
}

/** Follow-up sections by the scan; a matching heading inside a section is part of it. */
export function scanSections(
  headings: readonly ScannedHeading[],
  lineCount: number,
  extra: readonly string[] = [],
): ScannedSection[] {
  const out: ScannedSection[] = [];
  let coveredUntil = -1;
  for (let h = 0; h < headings.length; h++) {
    const heading = headings[h]!;
    if (heading.line < coveredUntil || !isFollowupHeading(heading.text, extra)) continue;
    let end = lineCount;
    for (let k = h + 1; k < headings.length; k++) {
      if (headings[k]!.level <= heading.level) {
        end = headings[k]!.line;
        break;
      }
    }
    out.push({ heading, start: heading.line, end });
    coveredUntil = end;
  }
  return out;
}

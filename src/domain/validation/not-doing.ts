import { t } from "../../text/catalog/index.js";
import type { Language } from "../../text/language.js";
import { inline, quietLogin } from "../../text/sanitize.js";
import { EVIDENCE_BEGIN, EVIDENCE_END, readMarker, readSection, renderMarker } from "../markers/marker.js";
import { evidenceSection, recordedEvidence } from "./proof.js";

/**
 * "Not doing" needs a reason (issue 16). A follow-up closed as not planned is a decision to live
 * with the risk it was meant to remove; the team needs to know why and who accepted it. A reason is
 * a `/not-doing <reason>` comment (any time) or any other comment made with the close (within
 * `REASON_WINDOW_MS` of it: GitHub's "Close with comment"), by someone with write access. It is
 * recorded in the evidence section (the app-authored body) as a hidden `not-doing` marker
 * (JSON, which no user text can forge: sanitised text never contains `<!--`) and a line people
 * read. Without one, the app asks once per close, and reopens when `validation.on_close` is
 * `reopen`, as for a completed close without proof. A close as duplicate needs no reason (the
 * duplicate names the other issue).
 *
 * This file holds the record and the command (pure: the weekly report reads the record too); the
 * flows over the ports that ask for a reason and record it are in src/runs/validate/not-doing.ts.
 */

/** What the evidence section's `not-doing` marker holds. */
export interface NotDoingRecord {
  /** The reason, one line, sanitised, at most `MAX_REASON` characters. */
  reason: string;
  /** Who gave the reason: who accepted the risk (write access). */
  by: string;
  /** When the reason was given (the comment's creation). */
  at: string;
  /** The comment that gave it. */
  comment: number;
  url: string;
  /** Who closed the issue, and when (the close the reason answers), when known. */
  closedBy: string | null;
  closedAt: string | null;
}

/** A reason is a sentence, not an essay: longer ones are cut (with `…`). */
export const MAX_REASON = 500;
/** A comment this close to the close is part of the same action ("Close with comment"). */
export const REASON_WINDOW_MS = 2 * 60_000;
/** Most people asked about (write access) per event: a thread of outsiders costs at most this. */
export const MAX_REASON_LOOKUPS = 5;

export interface NotDoingCommand {
  /** The reason after `/not-doing` (the rest of the comment), or null when none was given. */
  reason: string | null;
}

/** `/not-doing <reason>` at the start of a comment (its first non-empty line); the reason may go on. */
export function parseNotDoingCommand(body: string | null | undefined): NotDoingCommand | null {
  if (!body) return null;
  const lines = body.split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first < 0) return null;
  const m = /^\/not-doing(?:\s+(.*))?$/i.exec(lines[first]!.trim());
  if (!m) return null;
  const reason = [m[1] ?? "", ...lines.slice(first + 1)].join("\n").trim();
  return { reason: reason === "" ? null : reason };
}

/** One line of safe Markdown, cut at `MAX_REASON` characters. */
export function reasonText(text: string): string {
  const line = inline(text);
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line;
}

/** The recorded "not doing" reason of a follow-up issue's body (its evidence section only). */
export function readNotDoing(body: string | null | undefined): NotDoingRecord | null {
  const section = body ? readSection(body, EVIDENCE_BEGIN, EVIDENCE_END) : null;
  const data = readMarker<Partial<NotDoingRecord>>("not-doing", section);
  if (
    !data ||
    typeof data.reason !== "string" ||
    typeof data.by !== "string" ||
    typeof data.at !== "string" ||
    typeof data.comment !== "number" ||
    typeof data.url !== "string"
  )
    return null;
  return {
    reason: data.reason,
    by: data.by,
    at: data.at,
    comment: data.comment,
    url: data.url,
    closedBy: typeof data.closedBy === "string" ? data.closedBy : null,
    closedAt: typeof data.closedAt === "string" ? data.closedAt : null,
  };
}

/** The body with the reason recorded (a later reason replaces an earlier one; evidence stays). */
export function withNotDoing(body: string, language: Language, record: NotDoingRecord) {
  const line = t(language, "not-doing.entry", {
    reason: record.reason,
    login: quietLogin(record.by),
    date: record.at.slice(0, 10),
    commentUrl: record.url,
    closedBy:
      record.closedBy && record.closedBy.toLowerCase() !== record.by.toLowerCase()
        ? quietLogin(record.closedBy)
        : null,
  });
  const block = `${renderMarker("not-doing", record)}\n${line}`;
  return evidenceSection(body, language, recordedEvidence(body).map(inline), block);
}

import { t } from "../../text/catalog/index.js";
import { inline, mention, quietLogin } from "../../text/sanitize.js";
import { EVIDENCE_BEGIN, EVIDENCE_END, readMarker, readSection, renderMarker } from "../markers/marker.js";
import type { PortComment } from "../ports.js";
import { type FlowContext, isBot, isOurs, type ReplyMarker } from "./flow.js";
import { evidenceSection, parseValidatedCommand, recordedEvidence } from "./proof.js";
import { AccessCache } from "./proof-on-close.js";
import type { OutsiderGate } from "./validated-command.js";

/**
 * "Not doing" needs a reason (issue 16). A follow-up closed as not planned is a decision to live
 * with the risk it was meant to remove; the team needs to know why and who accepted it. A reason is
 * a `/not-doing <reason>` comment (any time) or any other comment made with the close (within
 * `REASON_WINDOW_MS` of it: GitHub's "Close with comment"), by someone with write access. It is
 * recorded in the issue's evidence section (the app-authored body) as a hidden `not-doing` marker
 * (JSON, which no user text can forge: sanitised text never contains `<!--`) and a line people
 * read. Without one, the app asks once per close, and reopens when `validation.on_close` is
 * `reopen`, as for a completed close without proof. A close as duplicate needs no reason (the
 * duplicate names the other issue).
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
export function withNotDoing(
  body: string,
  language: FlowContext["config"]["language"],
  record: NotDoingRecord,
) {
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

function within(at: string, closedAt: string): boolean {
  const gap = Math.abs(Date.parse(at) - Date.parse(closedAt));
  return Number.isFinite(gap) && gap <= REASON_WINDOW_MS;
}

/** A comment's reason, if it may give one: `/not-doing <reason>`, or any other text made with the close. */
function candidateReason(comment: PortComment, closedAt: string | null): string | null {
  const command = parseNotDoingCommand(comment.body);
  if (command) return command.reason;
  if (!closedAt || !within(comment.createdAt, closedAt)) return null;
  // Another command (`/validated`, `/followups status`) is not a reason.
  if (parseValidatedCommand(comment.body) || /^\s*\//.test(comment.body)) return null;
  const text = comment.body.trim();
  return text === "" ? null : text;
}

/**
 * The reason given for a close, latest first: `/not-doing <reason>` comments and comments made with
 * the close, by people with write access (at most `MAX_REASON_LOOKUPS` people asked).
 */
export async function findReason(
  comments: readonly PortComment[],
  close: { closedAt: string | null; closedBy: string | null },
  ctx: Pick<FlowContext, "botLogin">,
  access: AccessCache,
): Promise<NotDoingRecord | null> {
  const candidates = comments
    .filter((c) => c.author && !isBot(c) && !isOurs(c, ctx.botLogin))
    .flatMap((c) => {
      const reason = candidateReason(c, close.closedAt);
      return reason ? [{ comment: c, reason }] : [];
    })
    .sort(
      (a, b) =>
        Date.parse(b.comment.createdAt) - Date.parse(a.comment.createdAt) || b.comment.id - a.comment.id,
    );
  for (const { comment, reason } of candidates) {
    const login = comment.author!;
    if (access.requests >= MAX_REASON_LOOKUPS && !access.knows(login)) break;
    if (!(await access.has(login))) continue;
    return {
      reason: reasonText(reason),
      by: login,
      at: comment.createdAt,
      comment: comment.id,
      url: comment.url,
      closedBy: close.closedBy,
      closedAt: close.closedAt,
    };
  }
  return null;
}

export type NotDoingOutcome =
  | "reopened-since"
  | "already-recorded"
  | "recorded"
  | "no-reason-off"
  | "asked"
  | "asked-reopened"
  | "already-asked";

function isNotPlanned(issue: { state: string; stateReason?: string | null }): boolean {
  return issue.state === "closed" && issue.stateReason === "not_planned";
}

/** A follow-up was closed as not planned: record the reason given with it, or ask for one. */
export async function onNotDoingClosed(
  ctx: FlowContext,
  close: { closedAt: string; closedBy: string },
): Promise<NotDoingOutcome> {
  const { ports, issue, log } = ctx;
  const current = await ports.getIssue(issue.number);
  if (!isNotPlanned(current)) {
    log.info({ state: current.state, stateReason: current.stateReason }, "no longer closed as not planned");
    return "reopened-since";
  }
  if (readNotDoing(current.body)) {
    log.info({}, "a not-doing reason is already recorded");
    return "already-recorded";
  }
  const comments = await ports.listComments(issue.number);
  const access = new AccessCache(ports);
  const found = await findReason(comments, close, ctx, access);
  if (found) {
    await ports.setBody(issue.number, withNotDoing(current.body, ctx.config.language, found));
    log.info(
      { by: found.by, comment: found.comment, permissionLookups: access.requests },
      "not doing: reason recorded",
    );
    return "recorded";
  }
  const policy = ctx.config.validation.onClose;
  if (policy === "off") {
    log.info({}, "closed as not planned without a reason; validation.on_close is off: nothing asked");
    return "no-reason-off";
  }
  const asked = comments.some((c) => {
    if (!isOurs(c, ctx.botLogin)) return false;
    const data = readMarker<ReplyMarker>("evidence-reply", c.body);
    return data?.kind === "needs-reason" && data.closedAt === close.closedAt;
  });
  if (!asked) {
    const marker: ReplyMarker = { closedAt: close.closedAt, kind: "needs-reason" };
    const text = t(ctx.config.language, "not-doing.request", {
      closedBy: mention(close.closedBy),
      reopened: policy === "reopen",
    });
    await ports.createComment(issue.number, `${renderMarker("evidence-reply", marker)}\n${text}`);
  }
  if (policy === "reopen") await ports.reopen(issue.number);
  log.info(
    { policy, alreadyAsked: asked, permissionLookups: access.requests },
    "not doing without a reason: asked",
  );
  return asked ? "already-asked" : policy === "reopen" ? "asked-reopened" : "asked";
}

export type NotDoingCommentOutcome =
  | "already-recorded"
  | "already-answered"
  | "limited"
  | "refused"
  | "usage"
  | "not-closed"
  | "not-a-reason"
  | "recorded";

/**
 * A comment on a follow-up: `/not-doing [reason]` (answered: recorded, refused or usage), or, on a
 * follow-up closed as not planned within `REASON_WINDOW_MS` of the close, a writer's plain comment
 * (recorded silently, else ignored). `closedAt`: the payload's, to judge the window.
 */
export async function onNotDoingComment(
  ctx: FlowContext,
  comment: { id: number; body: string; login: string; url: string; createdAt: string },
  outsiderGate?: OutsiderGate,
): Promise<NotDoingCommentOutcome> {
  const { ports, issue, log } = ctx;
  const command = parseNotDoingCommand(comment.body);
  const current = await ports.getIssue(issue.number);
  const recorded = readNotDoing(current.body);
  if (recorded?.comment === comment.id) {
    log.info({ comment: comment.id }, "this reason is already recorded (redelivery)");
    return "already-recorded";
  }
  if (!command) {
    // A plain comment counts only with the close, and only when no reason is recorded yet.
    if (recorded || !isNotPlanned(current)) return "not-a-reason";
    if (!current.closedAt || !within(comment.createdAt, current.closedAt)) return "not-a-reason";
    if (!(await ports.hasWriteAccess(comment.login))) return "not-a-reason";
  } else {
    const answered = (await ports.listComments(issue.number)).some(
      (c) =>
        isOurs(c, ctx.botLogin) && readMarker<ReplyMarker>("evidence-reply", c.body)?.comment === comment.id,
    );
    if (answered) {
      log.info({ comment: comment.id }, "this /not-doing was already answered (redelivery)");
      return "already-answered";
    }
    const who = mention(comment.login);
    if (!(await ports.hasWriteAccess(comment.login))) {
      const admitted = (await outsiderGate?.()) ?? "answer";
      if (admitted !== "answer") {
        if (admitted === "react") await ports.react(comment.id, "eyes");
        return "limited";
      }
      await answer(
        ctx,
        comment.id,
        "not-doing-refused",
        t(ctx.config.language, "not-doing.refused", { login: who }),
      );
      log.info({ login: comment.login }, "/not-doing by someone without write access: refused");
      return "refused";
    }
    if (!command.reason) {
      await answer(
        ctx,
        comment.id,
        "not-doing-usage",
        t(ctx.config.language, "not-doing.usage", { login: who }),
      );
      return "usage";
    }
    if (!isNotPlanned(current)) {
      // Kept on the issue: the close handler finds it when the follow-up is closed as not planned.
      await ports.react(comment.id, "eyes");
      log.info(
        { state: current.state, stateReason: current.stateReason },
        "/not-doing before the close: kept for it",
      );
      return "not-closed";
    }
  }
  const record: NotDoingRecord = {
    reason: reasonText(command?.reason ?? comment.body),
    by: comment.login,
    at: comment.createdAt,
    comment: comment.id,
    url: comment.url,
    closedBy: current.closedBy ?? null,
    closedAt: current.closedAt ?? null,
  };
  await ports.setBody(issue.number, withNotDoing(current.body, ctx.config.language, record));
  if (command) await ports.react(comment.id, "+1");
  log.info({ comment: comment.id, by: comment.login }, "not doing: reason recorded");
  return "recorded";
}

async function answer(ctx: FlowContext, commentId: number, kind: ReplyMarker["kind"], text: string) {
  await ctx.ports.createComment(
    ctx.issue.number,
    `${renderMarker("evidence-reply", { comment: commentId, kind })}\n${text}`,
  );
}

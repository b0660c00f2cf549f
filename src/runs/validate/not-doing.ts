import { readMarker, renderMarker } from "../../domain/markers/marker.js";
import type { PortComment } from "../../domain/ports.js";
import {
  MAX_REASON_LOOKUPS,
  type NotDoingRecord,
  parseNotDoingCommand,
  REASON_WINDOW_MS,
  readNotDoing,
  reasonText,
  withNotDoing,
} from "../../domain/validation/not-doing.js";
import { parseValidatedCommand } from "../../domain/validation/proof.js";
import { t } from "../../text/catalog/index.js";
import { mention } from "../../text/sanitize.js";
import { admitAuthor, alreadyAnswered, type OutsiderGate } from "./command-admission.js";
import { type FlowContext, isBot, isOurs, type ReplyMarker } from "./flow.js";
import { AccessCache } from "./proof-on-close.js";

/**
 * "Not doing" needs a reason (issue 16): the flows over the ports. A close as not planned without a
 * reason asks for one (and reopens with `validation.on_close: reopen`); a `/not-doing <reason>`
 * comment records it. The record and the command are in src/domain/validation/not-doing.ts.
 */

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
    if (await alreadyAnswered(ctx, comment.id)) {
      log.info({ comment: comment.id }, "this /not-doing was already answered (redelivery)");
      return "already-answered";
    }
    const who = mention(comment.login);
    const admitted = await admitAuthor(ctx, comment, outsiderGate);
    if (admitted !== "writer") {
      if (admitted === "limited") return "limited";
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

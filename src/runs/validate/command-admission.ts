import { readMarker } from "../../domain/markers/marker.js";
import { type FlowContext, isOurs, type ReplyMarker } from "./flow.js";

/**
 * The steps `/validated` and `/not-doing` share once a command is parsed: was it answered already
 * (a redelivery), and may its author give proof. One owner, so both commands stay the same.
 */

/** Asked once the author is known to lack write access: answer, one reaction, or nothing. */
export type OutsiderGate = () => Promise<"answer" | "react" | "ignore">;

/** Our reply to this comment exists (found by its hidden marker, never by text). */
export async function alreadyAnswered(ctx: FlowContext, commentId: number): Promise<boolean> {
  return (await ctx.ports.listComments(ctx.issue.number)).some(
    (c) =>
      isOurs(c, ctx.botLogin) && readMarker<ReplyMarker>("evidence-reply", c.body)?.comment === commentId,
  );
}

/**
 * "writer" when the author has write access; otherwise the gate decides: "refuse" (answer with a
 * refusal) or "limited" (over the command limits: at most one reaction, already given here).
 */
export async function admitAuthor(
  ctx: FlowContext,
  comment: { id: number; login: string },
  outsiderGate?: OutsiderGate,
): Promise<"writer" | "refuse" | "limited"> {
  if (await ctx.ports.hasWriteAccess(comment.login)) return "writer";
  const admitted = (await outsiderGate?.()) ?? "answer";
  if (admitted === "answer") return "refuse";
  if (admitted === "react") await ctx.ports.react(comment.id, "eyes");
  return "limited";
}

import { alreadyRecorded, day, parseValidatedCommand } from "../../domain/validation/proof.js";
import type { EvidenceOutcome } from "../../domain/validation/resolve.js";
import { t } from "../../text/catalog/index.js";
import { inline, mention, quietLogin } from "../../text/sanitize.js";
import { admitAuthor, alreadyAnswered, type OutsiderGate } from "./command-admission.js";
import { type FlowContext, mdLink, record, reply } from "./flow.js";

/** `/validated <evidence>` on a follow-up issue: who may say it, what evidence holds, the reply. */

/** Like a validation entry in a postmortem: evidence is a path, `#N` or a URL, not an essay. */
export const MAX_ARGUMENT = 2048;

export type CommandOutcome =
  | "already-recorded"
  | "already-answered"
  | "refused"
  | "usage"
  | "rejected"
  | "recorded"
  /** Over the command limits (src/infra/command-limit.ts): one reaction at most, no reply. */
  | "limited";

/** `/validated <evidence>` on a follow-up issue. */
export async function onValidatedCommand(
  ctx: FlowContext,
  comment: { id: number; body: string; login: string; url: string; createdAt: string },
  outsiderGate?: OutsiderGate,
): Promise<CommandOutcome | null> {
  const command = parseValidatedCommand(comment.body);
  if (!command) return null;
  const { ports, issue, log } = ctx;
  const current = await ports.getIssue(issue.number);
  if (alreadyRecorded(current.body, comment.url)) {
    log.info({ comment: comment.id }, "this /validated is already recorded (redelivery)");
    return "already-recorded";
  }
  if (await alreadyAnswered(ctx, comment.id)) {
    log.info({ comment: comment.id }, "this /validated was already answered (redelivery)");
    return "already-answered";
  }
  const who = mention(comment.login);
  const admitted = await admitAuthor(ctx, comment, outsiderGate);
  if (admitted !== "writer") {
    if (admitted === "limited") {
      log.info({ login: comment.login }, "/validated by someone without write access: over the limit");
      return "limited";
    }
    await ports.createComment(
      issue.number,
      reply(ctx, { comment: comment.id, kind: "refused" }, { login: who }),
    );
    log.info({ login: comment.login }, "/validated by someone without write access: refused");
    return "refused";
  }
  if (!command.argument) {
    await ports.createComment(
      issue.number,
      reply(ctx, { comment: comment.id, kind: "usage" }, { login: who }),
    );
    return "usage";
  }
  const verdict: CommandVerdict =
    command.argument.length > MAX_ARGUMENT
      ? { ok: false, reason: t(ctx.config.language, "evidence.refused.too-long", { max: MAX_ARGUMENT }) }
      : commandVerdict(await ports.resolveEvidence(command.argument), ctx, {
          login: comment.login,
          at: comment.createdAt,
          url: comment.url,
        });
  if (!verdict.ok) {
    await ports.createComment(
      issue.number,
      reply(ctx, { comment: comment.id, kind: "rejected" }, { login: who, reason: inline(verdict.reason) }),
    );
    log.info({ reason: verdict.reason }, "/validated evidence rejected");
    return "rejected";
  }
  await record(ctx, current.body, current.labels, verdict.entry);
  await ports.react(comment.id, "+1");
  log.info({ comment: comment.id }, "/validated evidence recorded");
  return "recorded";
}

/** The Markdown of an accepted `/validated` entry's evidence. */
function evidenceText(outcome: EvidenceOutcome): string {
  const entry = outcome.entry.trim();
  if (/^#\d+$/.test(entry)) return entry;
  return outcome.url ? mdLink(inline(entry), outcome.url) : `\`${inline(entry).replace(/`/g, "")}\``;
}

export type CommandVerdict = { ok: true; entry: string } | { ok: false; reason: string };

/** Is this `/validated` evidence acceptable? Missing and malformed evidence is refused. */
export function commandVerdict(
  outcome: EvidenceOutcome,
  ctx: Pick<FlowContext, "config" | "issue">,
  by: { login: string; at: string; url: string },
): CommandVerdict {
  const lang = ctx.config.language;
  if (outcome.status === "invalid" || outcome.status === "missing")
    return { ok: false, reason: outcome.message };
  if (outcome.entry.trim() === `#${ctx.issue.number}`)
    return {
      ok: false,
      reason: t(lang, "evidence.refused.own-issue"),
    };
  // An open issue or an unmerged pull request proves nothing yet (resolve.ts's `unsettledOf`: the
  // effectiveness re-check would count it as lapsed).
  if (outcome.unsettled !== undefined) return { ok: false, reason: outcome.message };
  const note =
    outcome.status === "unverified"
      ? t(lang, "evidence.note.unverified")
      : outcome.status === "cannot-verify"
        ? t(lang, "evidence.note.cannot-verify")
        : null;
  return {
    ok: true,
    entry: t(lang, "evidence.entry.command", {
      evidence: evidenceText(outcome),
      login: quietLogin(by.login),
      date: day(by.at),
      commentUrl: by.url,
      note,
    }),
  };
}

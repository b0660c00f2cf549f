import type { Config } from "../../domain/config/schema.js";
import { type FollowupMarker, renderMarker } from "../../domain/markers/marker.js";
import type { PortComment, ValidationPorts } from "../../domain/ports.js";
import { checklistState, day, recordedEvidence, withEvidence } from "../../domain/validation/proof.js";
import { t } from "../../text/catalog/index.js";
import { quietLogin } from "../../text/sanitize.js";
import { render } from "../../text/templates.js";

/**
 * Proof on close and `/validated` (the flows): their context and ports, the steps they share, and
 * the edit of a closed follow-up. The close is ./proof-on-close.ts, the command
 * ./validated-command.ts. GitHub is behind `ValidationPorts`, implemented by the gateway
 * (src/github/validation-ports.ts); handlers only route events here.
 */

export interface FlowLog {
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
}

export interface IssueRef {
  number: number;
  /** owner/name */
  repository: string;
  serverUrl: string;
}

export interface FlowContext {
  ports: ValidationPorts;
  config: Config;
  marker: FollowupMarker;
  issue: IssueRef;
  botLogin: string;
  log: FlowLog;
}

/** The hidden marker of the app's replies: which comment or close event they answer. */
export interface ReplyMarker {
  comment?: number;
  closedAt?: string;
  kind:
    | "needs-validation"
    | "refused"
    | "usage"
    | "rejected"
    /** "Not doing" (./not-doing.ts): the request for a reason, the replies to `/not-doing`. */
    | "needs-reason"
    | "not-doing-refused"
    | "not-doing-usage";
}

export function isBot(comment: Pick<PortComment, "author" | "authorType">): boolean {
  return comment.authorType === "Bot" || (comment.author ?? "").endsWith("[bot]");
}

export function isOurs(comment: Pick<PortComment, "author">, botLogin: string): boolean {
  return (comment.author ?? "").toLowerCase() === botLogin.toLowerCase();
}

export function hasLabel(labels: readonly string[], name: string): boolean {
  return labels.some((l) => l.toLowerCase() === name.toLowerCase());
}

export function mdLink(text: string, url: string): string {
  return `[${text.replace(/[[\]]/g, "\\$&")}](${url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c))})`;
}

export function pullRef(
  pull: { number: number; url: string; repository: string },
  repository: string,
): string {
  return pull.repository.toLowerCase() === repository.toLowerCase()
    ? `#${pull.number}`
    : mdLink(`${pull.repository}#${pull.number}`, pull.url);
}

export async function record(
  ctx: FlowContext,
  body: string,
  labels: readonly string[],
  entry: string,
): Promise<void> {
  await ctx.ports.setBody(ctx.issue.number, withEvidence(body, ctx.config.language, entry));
  await clearNeedsValidation(ctx, labels);
}

export async function clearNeedsValidation(ctx: FlowContext, labels: readonly string[]): Promise<void> {
  const name = ctx.config.labels.needsValidation.name;
  if (hasLabel(labels, name)) await ctx.ports.removeLabel(ctx.issue.number, name);
}

export function reply(ctx: FlowContext, marker: ReplyMarker, fields: Record<string, unknown>): string {
  return render(ctx.config.language, "validated-reply", {
    marker: renderMarker("evidence-reply", marker),
    kind: marker.kind,
    ...fields,
  });
}

/**
 * A closed follow-up labelled needs-validation was edited: once its validation plan is fully
 * ticked, that is the proof (the comment asking for evidence says so).
 */
export async function onFollowupEdited(
  ctx: FlowContext,
  edit: { editedBy: string; at: string },
): Promise<"recorded-checklist" | "already-recorded" | "not-yet" | "not-flagged"> {
  const current = await ctx.ports.getIssue(ctx.issue.number);
  if (current.state !== "closed" || !hasLabel(current.labels, ctx.config.labels.needsValidation.name))
    return "not-flagged";
  if (recordedEvidence(current.body).length > 0) {
    await clearNeedsValidation(ctx, current.labels);
    return "already-recorded";
  }
  if (!checklistState(current.body).complete) return "not-yet";
  const entry = t(ctx.config.language, "evidence.entry.checklist", {
    login: quietLogin(edit.editedBy),
    date: day(edit.at),
  });
  await record(ctx, current.body, current.labels, entry);
  ctx.log.info({}, "validation plan ticked after closing: recorded");
  return "recorded-checklist";
}

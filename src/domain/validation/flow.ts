import { t } from "../../text/catalog/index.js";
import { inline, mention, quietLogin } from "../../text/sanitize.js";
import { render } from "../../text/templates.js";
import type { Config, LabelSpec } from "../config/schema.js";
import { type FollowupMarker, readMarker, renderMarker } from "../markers/marker.js";
import {
  alreadyRecorded,
  checklistItems,
  checklistState,
  day,
  type IssueLink,
  type LinkedEvidence,
  linkedCandidates,
  parseValidatedCommand,
  recordedEvidence,
  withEvidence,
} from "./proof.js";
import type { EvidenceOutcome } from "./resolve.js";

/**
 * Proof on close and `/validated` (the flows). GitHub is behind `ValidationPorts`, implemented
 * by the gateway (src/github/evidence.ts); handlers only route events here.
 */

export interface PortComment {
  id: number;
  body: string;
  author: string | null;
  /** "User", "Bot", ... (REST `user.type`, GraphQL `author.__typename`). */
  authorType: string | null;
  url: string;
  createdAt: string;
}

export interface ValidationPorts {
  /** The issue as it is now (a payload can be older than the last write). */
  getIssue(number: number): Promise<{ body: string; labels: string[]; state: string }>;
  setBody(number: number, body: string): Promise<void>;
  reopen(number: number): Promise<void>;
  ensureLabel(spec: LabelSpec): Promise<void>;
  addLabel(number: number, name: string): Promise<void>;
  removeLabel(number: number, name: string): Promise<void>;
  react(commentId: number, content: "+1" | "eyes"): Promise<void>;
  listComments(number: number): Promise<PortComment[]>;
  createComment(number: number, body: string): Promise<void>;
  hasWriteAccess(login: string): Promise<boolean>;
  issueLinks(number: number): Promise<IssueLink[]>;
  /** Check one evidence entry as the PR check does (repository paths at the default branch). */
  resolveEvidence(entry: string): Promise<EvidenceOutcome>;
}

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
interface ReplyMarker {
  comment?: number;
  closedAt?: string;
  kind: "needs-validation" | "refused" | "usage" | "rejected";
}

function isBot(comment: Pick<PortComment, "author" | "authorType">): boolean {
  return comment.authorType === "Bot" || (comment.author ?? "").endsWith("[bot]");
}

function isOurs(comment: Pick<PortComment, "author">, botLogin: string): boolean {
  return (comment.author ?? "").toLowerCase() === botLogin.toLowerCase();
}

function hasLabel(labels: readonly string[], name: string): boolean {
  return labels.some((l) => l.toLowerCase() === name.toLowerCase());
}

function mdLink(text: string, url: string): string {
  return `[${text.replace(/[[\]]/g, "\\$&")}](${url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c))})`;
}

function pullRef(pull: { number: number; url: string; repository: string }, repository: string): string {
  return pull.repository.toLowerCase() === repository.toLowerCase()
    ? `#${pull.number}`
    : mdLink(`${pull.repository}#${pull.number}`, pull.url);
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

/** Linked evidence that counts, and who vouched for a pull request (its merger or author). */
type LinkedProof =
  | { kind: "commit"; evidence: Extract<LinkedEvidence, { type: "commit" }> }
  | {
      kind: "pull";
      evidence: Extract<LinkedEvidence, { type: "pull" }>;
      by: { login: string; role: "merger" | "author" };
    };

function linkedEntry(linked: LinkedProof, ctx: FlowContext): string {
  const lang = ctx.config.language;
  if (linked.kind === "commit")
    return t(lang, "evidence.entry.commit", {
      link: mdLink(linked.evidence.oid.slice(0, 7), linked.evidence.url),
    });
  const { pull, via } = linked.evidence;
  return t(lang, "evidence.entry.pull", {
    ref: pullRef(pull, ctx.issue.repository),
    title: inline(pull.title),
    via,
    login: quietLogin(linked.by.login),
    role: linked.by.role,
  });
}

/**
 * Write access per login, asked once per run (the close flow asks about mergers, authors and
 * `/validated` commenters, often the same people). `requests` counts the lookups made.
 */
export class AccessCache {
  readonly #known = new Map<string, Promise<boolean>>();
  requests = 0;

  constructor(private readonly ports: Pick<ValidationPorts, "hasWriteAccess">) {}

  has(login: string): Promise<boolean> {
    const key = login.toLowerCase();
    let known = this.#known.get(key);
    if (!known) {
      this.requests++;
      known = this.ports.hasWriteAccess(login);
      this.#known.set(key, known);
    }
    return known;
  }
}

/** Most linked pull requests whose author and merger are asked about, per close. */
export const MAX_LINKED_CANDIDATES = 10;

/**
 * The first linked pull request (or commit) that counts: a candidate of `linkedCandidates` whose
 * merger or author has write access to the follow-up's repository, with who vouched for it.
 */
async function linkedEvidence(ctx: FlowContext, access: AccessCache): Promise<LinkedProof | null> {
  const candidates = linkedCandidates(await ctx.ports.issueLinks(ctx.issue.number), {
    repository: ctx.issue.repository,
    postmortemPull: ctx.marker.pr,
    proofRepositories: ctx.config.validation.proofRepositories,
  });
  for (const evidence of candidates.slice(0, MAX_LINKED_CANDIDATES)) {
    if (evidence.type === "commit") return { kind: "commit", evidence };
    for (const role of ["merger", "author"] as const) {
      const login = role === "merger" ? evidence.pull.mergedBy : evidence.pull.author;
      if (login && (await access.has(login))) return { kind: "pull", evidence, by: { login, role } };
    }
    ctx.log.info(
      { pull: evidence.pull.url, author: evidence.pull.author, mergedBy: evidence.pull.mergedBy },
      "linked pull request: neither its author nor its merger has write access, not evidence",
    );
  }
  return null;
}

async function record(
  ctx: FlowContext,
  body: string,
  labels: readonly string[],
  entry: string,
): Promise<void> {
  await ctx.ports.setBody(ctx.issue.number, withEvidence(body, ctx.config.language, entry));
  await clearNeedsValidation(ctx, labels);
}

async function clearNeedsValidation(ctx: FlowContext, labels: readonly string[]): Promise<void> {
  const name = ctx.config.labels.needsValidation.name;
  if (hasLabel(labels, name)) await ctx.ports.removeLabel(ctx.issue.number, name);
}

function reply(ctx: FlowContext, marker: ReplyMarker, fields: Record<string, unknown>): string {
  return render(ctx.config.language, "validated-reply", {
    marker: renderMarker("evidence-reply", marker),
    kind: marker.kind,
    ...fields,
  });
}

/** Find a `/validated` comment by someone with write access whose evidence holds. */
async function commandEvidence(
  ctx: FlowContext,
  comments: readonly PortComment[],
  access: AccessCache,
): Promise<string | null> {
  for (const comment of comments) {
    if (isBot(comment) || !comment.author) continue;
    const command = parseValidatedCommand(comment.body);
    if (!command?.argument) continue;
    const login = comment.author;
    if (!(await access.has(login)) || command.argument.length > MAX_ARGUMENT) continue;
    const verdict = commandVerdict(await ctx.ports.resolveEvidence(command.argument), ctx, {
      login,
      at: comment.createdAt,
      url: comment.url,
    });
    if (verdict.ok) return verdict.entry;
  }
  return null;
}

export type CloseOutcome =
  | "not-doing"
  | "reopened-since"
  | "already-recorded"
  | "recorded-checklist"
  | "recorded-link"
  | "recorded-command"
  | "no-evidence-off"
  | "no-evidence-comment"
  | "no-evidence-reopen"
  | "already-asked";

/** A follow-up was closed as completed: find proof, record it, or ask for it. */
export async function onFollowupClosed(
  ctx: FlowContext,
  close: { stateReason: string | null; closedAt: string; closedBy: string },
): Promise<CloseOutcome> {
  const { ports, issue, log } = ctx;
  if (close.stateReason === "not_planned" || close.stateReason === "duplicate") {
    log.info({ stateReason: close.stateReason }, "closed as not planned: not doing, no evidence needed");
    return "not-doing";
  }
  const current = await ports.getIssue(issue.number);
  if (current.state !== "closed") {
    log.info({}, "the issue is open again: nothing to check");
    return "reopened-since";
  }
  if (recordedEvidence(current.body).length > 0) {
    log.info({}, "evidence already recorded");
    await clearNeedsValidation(ctx, current.labels);
    return "already-recorded";
  }
  if (checklistState(current.body).complete) {
    const entry = t(ctx.config.language, "evidence.entry.checklist", {
      login: quietLogin(close.closedBy),
      date: day(close.closedAt),
    });
    await record(ctx, current.body, current.labels, entry);
    log.info({}, "validation plan fully ticked: recorded");
    return "recorded-checklist";
  }
  const access = new AccessCache(ports);
  const linked = await linkedEvidence(ctx, access);
  if (linked) {
    await record(ctx, current.body, current.labels, linkedEntry(linked, ctx));
    log.info(
      {
        linked: linked.evidence,
        permissionLookups: access.requests,
        ...(linked.kind === "pull" ? { by: linked.by } : {}),
      },
      "linked pull request or commit: recorded",
    );
    return "recorded-link";
  }
  const comments = await ports.listComments(issue.number);
  const fromCommand = await commandEvidence(ctx, comments, access);
  if (fromCommand) {
    await record(ctx, current.body, current.labels, fromCommand);
    log.info({}, "/validated comment: recorded");
    return "recorded-command";
  }

  const policy = ctx.config.validation.onClose;
  if (policy === "off") {
    log.info({}, "closed without evidence; validation.on_close is off: nothing to do");
    return "no-evidence-off";
  }
  const asked = comments.some((c) => {
    if (!isOurs(c, ctx.botLogin)) return false;
    const data = readMarker<ReplyMarker>("evidence-reply", c.body);
    return data?.kind === "needs-validation" && data.closedAt === close.closedAt;
  });
  const label = ctx.config.labels.needsValidation;
  await ports.ensureLabel(label);
  if (!hasLabel(current.labels, label.name)) await ports.addLabel(issue.number, label.name);
  if (!asked) {
    const body = render(ctx.config.language, "needs-validation", {
      marker: renderMarker("evidence-reply", { closedAt: close.closedAt, kind: "needs-validation" }),
      plan: checklistItems(current.body).map((i) => ({ text: inline(i.text), ticked: i.ticked })),
      label: inline(label.name).replace(/`/g, ""),
      reopened: policy === "reopen",
    });
    await ports.createComment(issue.number, body);
  }
  if (policy === "reopen") await ports.reopen(issue.number);
  log.info({ policy, alreadyAsked: asked }, "closed without evidence: asked for it");
  return asked ? "already-asked" : policy === "reopen" ? "no-evidence-reopen" : "no-evidence-comment";
}

/** Like a validation entry in a postmortem: evidence is a path, `#N` or a URL, not an essay. */
const MAX_ARGUMENT = 2048;

export type CommandOutcome =
  | "already-recorded"
  | "already-answered"
  | "refused"
  | "usage"
  | "rejected"
  | "recorded"
  /** Over the command limits (src/infra/command-limit.ts): one reaction at most, no reply. */
  | "limited";

/** Asked once the author is known to lack write access: answer, one reaction, or nothing. */
export type OutsiderGate = () => Promise<"answer" | "react" | "ignore">;

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
  const answered = (await ports.listComments(issue.number)).some(
    (c) =>
      isOurs(c, ctx.botLogin) && readMarker<ReplyMarker>("evidence-reply", c.body)?.comment === comment.id,
  );
  if (answered) {
    log.info({ comment: comment.id }, "this /validated was already answered (redelivery)");
    return "already-answered";
  }
  const who = mention(comment.login);
  if (!(await ports.hasWriteAccess(comment.login))) {
    const admitted = (await outsiderGate?.()) ?? "answer";
    if (admitted !== "answer") {
      if (admitted === "react") await ports.react(comment.id, "eyes");
      log.info(
        { login: comment.login, admitted },
        "/validated by someone without write access: over the limit",
      );
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

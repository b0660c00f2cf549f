import type { LabelSpec, Language } from "../domain/config/schema.js";
import type { PortComment, PortIssue, ValidationPorts } from "../domain/ports.js";
import type { IssueLink } from "../domain/validation/proof.js";
import {
  type EvidenceOutcome,
  judgeEvidence,
  planEvidence,
  type ResolveContext,
} from "../domain/validation/resolve.js";
import { type GitHubClient, statusOf } from "./client.js";
import { EvidenceResolver } from "./evidence-resolver.js";
import { OctokitRepoGateway } from "./gateway.js";
import { listIssueLinks } from "./issue-links.js";

/** Who may vouch for a follow-up with `/validated`: write, maintain or admin on the repository. */
export async function hasWriteAccess(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  login: string,
): Promise<boolean> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
      owner,
      repo,
      username: login,
    });
    const role = (data as { role_name?: string }).role_name ?? "";
    return ["admin", "maintain", "write"].includes(role) || ["admin", "write"].includes(data.permission);
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

/**
 * What the validation flows (src/runs/validate/flow.ts) need from GitHub, for one repository.
 * Evidence named in a `/validated` comment is checked at the default branch.
 */
export class OctokitValidationPorts implements ValidationPorts {
  readonly #resolver: EvidenceResolver;
  readonly #ctx: ResolveContext;
  /** The writes and reads the sync gateway already makes, made the same way. */
  readonly #gateway: OctokitRepoGateway;

  constructor(
    private readonly octokit: GitHubClient,
    readonly owner: string,
    readonly repo: string,
    options: {
      defaultBranch: string;
      serverUrl: string;
      language: Language;
      allowed?: ResolveContext["allowed"];
    },
  ) {
    this.#resolver = new EvidenceResolver(octokit, owner, repo);
    this.#gateway = new OctokitRepoGateway(octokit, owner, repo);
    this.#ctx = {
      owner,
      repo,
      ref: options.defaultBranch,
      githubHost: new URL(options.serverUrl).host,
      serverUrl: options.serverUrl,
      allowed: options.allowed,
    };
    this.language = options.language;
  }

  readonly language: Language;

  async resolveEvidence(entry: string): Promise<EvidenceOutcome> {
    const plan = planEvidence(entry, this.#ctx);
    const results = await this.#resolver.resolve([plan]);
    return judgeEvidence(plan, results, this.#ctx, this.language);
  }

  hasWriteAccess(login: string): Promise<boolean> {
    return hasWriteAccess(this.octokit, this.owner, this.repo, login);
  }

  issueLinks(number: number): Promise<IssueLink[]> {
    return listIssueLinks(this.octokit, this.owner, this.repo, number);
  }

  listComments(number: number): Promise<PortComment[]> {
    return this.#gateway.listComments(number);
  }

  async createComment(number: number, body: string): Promise<void> {
    // Not idempotent: never retried automatically (a redelivery finds the reply by its marker).
    await this.#gateway.createComment(number, body);
  }

  private get params() {
    return { owner: this.owner, repo: this.repo };
  }

  /** The issue as it is now (the payload may be older than the last write). */
  async getIssue(number: number): Promise<PortIssue> {
    const { data } = await this.octokit.rest.issues.get({ ...this.params, issue_number: number });
    return {
      body: data.body ?? "",
      labels: data.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean),
      state: data.state,
      stateReason: data.state_reason ?? null,
      closedAt: data.closed_at ?? null,
      closedBy: data.closed_by?.login ?? null,
    };
  }

  setBody(number: number, body: string): Promise<void> {
    return this.#gateway.updateIssue(number, { body });
  }

  reopen(number: number): Promise<void> {
    return this.#gateway.updateIssue(number, { state: "open" });
  }

  /** Make sure the label exists with its configured colour and description (created once). */
  async ensureLabel(spec: LabelSpec): Promise<void> {
    try {
      await this.octokit.rest.issues.getLabel({ ...this.params, name: spec.name });
      return;
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
    await this.#gateway.createLabel(spec); // "exists" when someone created it in the meantime
  }

  async addLabel(number: number, name: string): Promise<void> {
    await this.octokit.rest.issues.addLabels({ ...this.params, issue_number: number, labels: [name] });
  }

  async removeLabel(number: number, name: string): Promise<void> {
    try {
      await this.octokit.rest.issues.removeLabel({ ...this.params, issue_number: number, name });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  async react(commentId: number, content: "+1" | "eyes"): Promise<void> {
    await this.octokit.rest.reactions.createForIssueComment({
      ...this.params,
      comment_id: commentId,
      content,
    });
  }
}

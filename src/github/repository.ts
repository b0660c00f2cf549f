import type { ChecksGateway, RepoGateway, RoutingReads, ValidationPorts } from "../domain/ports.js";
import { type CheckProbe, probeCheck } from "./check-probe.js";
import { OctokitChecksGateway } from "./checks.js";
import type { GitHubClient } from "./client.js";
import { type ConfigContext, loadRepoConfig, type RepoConfigResult } from "./config.js";
import { dryRunGateway, type RecordedWrite } from "./dry-run.js";
import { EvidenceResolver } from "./evidence-resolver.js";
import { OctokitRepoGateway } from "./gateway.js";
import {
  configReader,
  lastCommitOf,
  listTree,
  type ReactionContent,
  reactToComment,
} from "./installations.js";
import { type OwnerConfigCache, useOwnerConfigCache } from "./owner-config.js";
import { type MergeReads, mergeReads, type RepositoryReads, repositoryReads } from "./primed-reads.js";
import { readFilesAndComments } from "./probe.js";
import { readCache } from "./read-cache.js";
import { routingReads } from "./routing-reads.js";
import { observeRequests } from "./telemetry.js";
import { hasWriteAccess, OctokitValidationPorts } from "./validation-ports.js";

/**
 * The one way to open a repository on GitHub: `openRepository(octokit, { owner, repo }, options)`
 * returns the ports a run needs (src/domain/ports.ts). Handlers, the CLI, the Action and the sweep
 * never choose an implementation: whether reads are primed by a probe, cached for a sweep, or
 * writes only recorded (a dry run) is an option here.
 */

export interface RepositoryName {
  owner: string;
  repo: string;
}

export interface OpenOptions {
  /**
   * Record every write of `gateway` (and of the sweep's reads) in `writes` instead of sending it
   * (./dry-run.ts). The sweep's `--dry-run`; the Action's dry run is the same module's request level.
   */
  dryRun?: boolean;
  /**
   * Probot's `context.config()` of a webhook (the repository's file, the owner's `.github`,
   * `_extends`). Default: the same lookup bound to this Octokit (the sweep, the CLI).
   */
  config?: ConfigContext;
  /**
   * Shared by the repositories of one sweep (`ownerConfigCache()`): the owner's `.github` fallback
   * config is read once per owner, not once per repository (./owner-config.ts).
   */
  ownerConfigs?: OwnerConfigCache;
  /** Where a dry run records the writes (default: a list of this repository's own). */
  writes?: RecordedWrite[];
}

export { type OwnerConfigCache, ownerConfigCache } from "./owner-config.js";

export interface Repository extends RepositoryName {
  /** Issues, comments, labels, milestones and files (a dry run records its writes). */
  readonly gateway: RepoGateway;
  /** Check runs. */
  readonly checks: ChecksGateway;
  /** Writes a dry run recorded (empty otherwise). */
  readonly writes: RecordedWrite[];
  /** The repository's config, as Probot reads it. */
  loadConfig(): Promise<RepoConfigResult>;
  /** A merged pull request's reads: one probe, then primed answers (./primed-reads.ts). */
  forMerge(pullNumber: number, log: { warn(obj: object, msg: string): void }): Promise<MergeReads>;
  /** A sweep's reads: one probe, a read cache for the whole run, the tree and the last commits. */
  forSweep(defaultBranch: string, log?: { warn(obj: object, msg: string): void }): Promise<SweepReads>;
  /** What the pull request check reads first, in one request (./check-probe.ts). */
  probeCheck(params: {
    pull: number;
    headSha: string;
    checkName: string;
    appSlug: string;
  }): Promise<CheckProbe>;
  /** Files at a ref in one request per 25 (a path missing from the map: read it with `gateway.readFile`). */
  readFiles(
    ref: string,
    paths: readonly string[],
    maxBytes: number,
  ): Promise<Map<string, import("../domain/ports.js").RepoFile | null>>;
  /** Evidence lookups for one run (cached, deduplicated, within a budget). */
  evidence(): EvidenceResolver;
  /** What proof on close and `/validated` read and write. */
  validation(options: ValidationOptions): ValidationPorts;
  hasWriteAccess(login: string): Promise<boolean>;
  react(commentId: number, content: ReactionContent): Promise<void>;
  /** Routing's reads of the installation's other repositories: CODEOWNERS, where the app is installed. */
  readonly routing: RoutingReads;
}

/** What `validation()` needs: where evidence is checked, in which language, which hosts and tickets count. */
export type ValidationOptions = ConstructorParameters<typeof OctokitValidationPorts>[3];

export interface SweepReads extends Omit<RepositoryReads, "gateway"> {
  gateway: RepoGateway;
  lastCommit(path: string, ref: string): Promise<{ sha: string; date: string | null } | null>;
}

export function openRepository(
  octokit: GitHubClient,
  name: RepositoryName,
  options: OpenOptions = {},
): Repository {
  const { owner, repo } = name;
  observeRequests(octokit);
  if (options.ownerConfigs) useOwnerConfigCache(octokit, options.ownerConfigs);
  const base = new OctokitRepoGateway(octokit, owner, repo);
  const writes: RecordedWrite[] = options.writes ?? [];
  const guard = (gateway: RepoGateway) => (options.dryRun ? dryRunGateway(gateway, writes) : gateway);
  const configContext = options.config ?? configReader(octokit, owner, repo);
  const loadWithProbot = () => loadRepoConfig(configContext, base);
  return {
    owner,
    repo,
    gateway: guard(base),
    checks: new OctokitChecksGateway(octokit, owner, repo),
    writes,
    loadConfig: loadWithProbot,
    async forMerge(pullNumber, log) {
      const reads = await mergeReads(base, pullNumber, loadWithProbot, log);
      return { ...reads, gateway: guard(reads.gateway) };
    },
    async forSweep(defaultBranch, log) {
      const reads = await repositoryReads(base, {
        defaultBranch,
        loadWithProbot,
        listTree: (ref) => listTree(octokit, owner, repo, ref),
        ...(log ? { log } : {}),
      });
      return {
        ...reads,
        gateway: readCache(guard(reads.gateway)),
        lastCommit: (path, ref) => lastCommitOf(octokit, owner, repo, path, ref),
      };
    },
    probeCheck: (params) => probeCheck(octokit, { owner, repo, ...params }),
    readFiles: async (ref, paths, maxBytes) =>
      (await readFilesAndComments(octokit, { owner, repo, ref, paths, numbers: [], maxBytes })).files,
    evidence: () => new EvidenceResolver(octokit, owner, repo),
    validation: (opts) => new OctokitValidationPorts(octokit, owner, repo, opts),
    hasWriteAccess: (login) => hasWriteAccess(octokit, owner, repo, login),
    react: (commentId, content) => reactToComment(octokit, owner, repo, commentId, content),
    routing: routingReads(octokit),
  };
}

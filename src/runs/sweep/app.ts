import type { Probot } from "probot";
import type { Config } from "../../domain/config/schema.js";
import type { GitHubClient } from "../../github/client.js";
import { botLoginFromSlug, createBotIdentity } from "../../github/identity.js";
import {
  findRepoInstallationInfo,
  getRepository,
  listInstallationRepositories,
  listInstallations,
} from "../../github/installations.js";
import { type OwnerConfigCache, openRepository, ownerConfigCache } from "../../github/repository.js";
import type { RepoLock } from "../../infra/lock.js";
import { repoLockKey } from "../../infra/lock.js";
import type { SyncLog } from "../merge/report.js";
import { type RepoSweepInput, type RepoSweepResult, sweepRepository } from "./repository.js";
import type { SweepSource, SweepTarget } from "./sweep.js";

/**
 * The sweep against GitHub, authenticated as the app: its installations (app JWT), each
 * installation's repositories and writes (installation tokens), through the same gateway, config
 * loading and reconcile as the webhook handlers.
 */

export interface AppSweepOptions {
  /**
   * The app's bot login. Without it, it comes from the app's slug that GitHub lists with each
   * installation (no `GET /app`), or from `GET /app` when no listing gave it (`--repo`).
   */
  botLogin?: string;
  now?: () => Date;
  dryRun?: boolean;
  /** Per-repository serialisation with the webhook handlers (in process). */
  lock?: RepoLock;
  log?: SyncLog & { child?: (bindings: object) => SyncLog };
  /** After the config is read: false skips the repository (the scheduler's slot check). */
  gate?: (config: Config, target: SweepTarget) => boolean | "nudges";
}

export interface AppSweepSource extends SweepSource {
  /** The single target of `--repo owner/name` (two requests), or null when the app is not installed there. */
  target(fullName: string): Promise<SweepTarget | null>;
}

export function createAppSweepSource(probot: Pick<Probot, "auth">, options: AppSweepOptions): AppSweepSource {
  const clients = new Map<number, Promise<GitHubClient>>();
  // The owner's `.github` fallback config, read once per owner for the whole sweep (github/owner-config.ts).
  const ownerConfigs = ownerConfigCache();
  const installationClient = (id: number): Promise<GitHubClient> => {
    let client = clients.get(id);
    if (!client) {
      client = probot.auth(id) as Promise<GitHubClient>;
      clients.set(id, client);
      client.catch(() => clients.delete(id));
    }
    return client;
  };
  const now = options.now ?? (() => new Date());
  let botLogin = options.botLogin ?? null;
  const identity = createBotIdentity(probot);
  const resolveBotLogin = async (): Promise<string> => (botLogin ??= await identity());

  return {
    async installations() {
      const installations = await listInstallations((await probot.auth()) as GitHubClient);
      const slug = installations.find((i) => i.appSlug)?.appSlug;
      if (slug) botLogin ??= botLoginFromSlug(slug);
      return installations;
    },

    async repositories(installation) {
      return listInstallationRepositories(await installationClient(installation.id));
    },

    async target(fullName) {
      const [owner, repo] = fullName.split("/");
      if (!owner || !repo) return null;
      const found = await findRepoInstallationInfo((await probot.auth()) as GitHubClient, owner, repo);
      if (found === null) return null;
      const { id } = found;
      if (found.appSlug) botLogin ??= botLoginFromSlug(found.appSlug);
      const repository = await getRepository(await installationClient(id), owner, repo);
      return repository ? { installation: { id, account: owner, suspended: false }, repository } : null;
    },

    async sweep(target): Promise<RepoSweepResult> {
      const { owner, repo, defaultBranch, serverUrl } = target.repository;
      const octokit = await installationClient(target.installation.id);
      const log = options.log?.child?.({ repository: `${owner}/${repo}` }) ?? options.log;
      const run = async () =>
        sweepThroughOctokit(octokit, {
          repo: { owner, repo, defaultBranch, serverUrl },
          botLogin: await resolveBotLogin(),
          now: now(),
          dryRun: options.dryRun ?? false,
          ownerConfigs,
          acrossRepositories: true,
          ...(log ? { log } : {}),
          ...(options.gate ? { gate: (config: Config) => options.gate!(config, target) } : {}),
        });
      return options.lock ? options.lock.withLock(repoLockKey(owner, repo), run) : run();
    },
  };
}

/**
 * The sweep of one repository through an Octokit (the CLI's installation client, the Action's
 * token): one probe for the config, the tracked issues and the postmortem directories
 * (../github/probe.ts), the rest through REST where the probe cannot answer.
 */
export async function sweepThroughOctokit(
  octokit: GitHubClient,
  input: Omit<RepoSweepInput, "gateway" | "github" | "loadConfig" | "writes"> & {
    dryRun?: boolean;
    /** Shared by the repositories of one sweep (see openRepository). */
    ownerConfigs?: OwnerConfigCache;
    /**
     * The token can write the other repositories of the installation (the app's, not the Action's
     * `GITHUB_TOKEN`): follow-ups routed there are reconciled, nudged and reported (issue 17).
     */
    acrossRepositories?: boolean;
  },
): Promise<RepoSweepResult> {
  const { owner, repo, defaultBranch } = input.repo;
  const { dryRun, ownerConfigs, acrossRepositories, ...rest } = input;
  const options = { dryRun: dryRun ?? false, ...(ownerConfigs ? { ownerConfigs } : {}) };
  const repository = openRepository(octokit, { owner, repo }, options);
  // The other repositories' writes are recorded with this one's (a dry run's `would …` lines).
  const sibling = (name: string) =>
    openRepository(octokit, { owner, repo: name }, { ...options, writes: repository.writes }).gateway;
  const reads = await repository.forSweep(defaultBranch, input.log);
  return sweepRepository({
    ...rest,
    gateway: reads.gateway,
    writes: repository.writes,
    github: { tree: reads.tree, prefetch: reads.prefetch, lastCommit: reads.lastCommit },
    loadConfig: reads.loadConfig,
    evidence: () => repository.evidence(),
    ...(acrossRepositories ? { sibling } : {}),
  });
}

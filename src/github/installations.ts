import { Context } from "probot";
import type { RepoTree } from "../domain/ports.js";
import { type GitHubClient, statusOf } from "./client.js";

/**
 * The app's installations and what the factory (./repository.ts) reads beyond `RepoGateway`:
 * the app's installations and their repositories, the files on the default branch (one request),
 * the last commit of a file, and the repository config outside a webhook.
 */

export interface InstallationInfo {
  id: number;
  account: string;
  suspended: boolean;
  /** The app's slug, as GitHub lists it with each installation (its bot user is "slug[bot]"). */
  appSlug?: string;
}

export interface RepositoryInfo {
  owner: string;
  repo: string;
  defaultBranch: string;
  archived: boolean;
  /** Web URL of the server (https://github.com or the GHE host). */
  serverUrl: string;
}

interface InstallationData {
  id: number;
  app_slug?: string;
  account: { login?: string; slug?: string; name?: string | null } | null;
  suspended_at?: string | null;
}

interface RepositoryData {
  name: string;
  full_name: string;
  owner: { login: string };
  default_branch?: string;
  archived?: boolean;
  html_url: string;
}

/** Every installation of the app (paginated). `octokit` is authenticated as the app (JWT). */
export async function listInstallations(octokit: GitHubClient): Promise<InstallationInfo[]> {
  const installations = (await octokit.paginate("GET /app/installations", {
    per_page: 100,
  })) as InstallationData[];
  return installations.map((i) => ({
    id: i.id,
    account: i.account?.login ?? i.account?.slug ?? i.account?.name ?? String(i.id),
    suspended: Boolean(i.suspended_at),
    ...(i.app_slug ? { appSlug: i.app_slug } : {}),
  }));
}

/** Every repository an installation can access (paginated). `octokit` is the installation's. */
export async function listInstallationRepositories(octokit: GitHubClient): Promise<RepositoryInfo[]> {
  const repositories = (await octokit.paginate("GET /installation/repositories", {
    per_page: 100,
  })) as RepositoryData[];
  return repositories.map(toRepositoryInfo);
}

export function toRepositoryInfo(r: RepositoryData): RepositoryInfo {
  return {
    owner: r.owner.login,
    repo: r.name,
    defaultBranch: r.default_branch ?? "main",
    archived: r.archived ?? false,
    serverUrl: new URL(r.html_url).origin,
  };
}

/** One repository (for `--repo`); null when the installation cannot see it. */
export async function getRepository(
  octokit: GitHubClient,
  owner: string,
  repo: string,
): Promise<RepositoryInfo | null> {
  try {
    const { data } = await octokit.rest.repos.get({ owner, repo });
    return toRepositoryInfo(data as RepositoryData);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/** The app's installation on a repository, with the app's slug GitHub lists with it; null when none. */
export async function findRepoInstallationInfo(
  octokit: GitHubClient,
  owner: string,
  repo: string,
): Promise<{ id: number; appSlug: string | null } | null> {
  try {
    const { data } = await octokit.rest.apps.getRepoInstallation({ owner, repo });
    return { id: data.id, appSlug: data.app_slug ?? null };
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/** Every file path on a ref, in ONE request (the recursive git tree). An empty repository has none. */
export async function listTree(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  ref: string,
): Promise<RepoTree> {
  try {
    const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: ref, recursive: "true" });
    return {
      paths: data.tree.filter((e) => e.type === "blob" && typeof e.path === "string").map((e) => e.path!),
      truncated: data.truncated,
    };
  } catch (error) {
    // 409: the repository is empty (no commit yet).
    if (statusOf(error) === 409) return { paths: [], truncated: false };
    throw error;
  }
}

/** The last commit on `ref` that touched `path`: its sha and date; null when none. */
export async function lastCommitOf(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  path: string,
  ref: string,
): Promise<{ sha: string; date: string | null } | null> {
  const { data } = await octokit.rest.repos.listCommits({ owner, repo, sha: ref, path, per_page: 1 });
  const commit = data[0];
  if (!commit) return null;
  return { sha: commit.sha, date: commit.commit.committer?.date ?? commit.commit.author?.date ?? null };
}

/**
 * `context.config()` outside a webhook: Probot's own implementation (the repository's
 * `.github/` file, else the organisation's `.github` repository, `_extends`, deep merge), bound to
 * an Octokit and a repository, so the sweep and the CLI read the config exactly as the handlers do.
 */
export function configReader(
  octokit: GitHubClient,
  owner: string,
  repo: string,
): Pick<Context, "config"> & {
  octokit: GitHubClient;
  repo: (object?: Record<string, unknown>) => { owner: string; repo: string };
} {
  const self = { octokit, repo: (object?: object) => ({ owner, repo, ...object }) };
  const config = ((...args: Parameters<Context["config"]>) =>
    Context.prototype.config.apply(self as unknown as Context, args)) as Context["config"];
  // octokit and repo too: loadRepoConfig watches the files Probot's lookup reads (_extends).
  return { config, ...self };
}

export type ReactionContent = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";

/** A reaction on an issue or pull request comment (the `/followups status` acknowledgement). */
export async function reactToComment(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  commentId: number,
  content: ReactionContent,
): Promise<void> {
  await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content });
}

import type { Language } from "../../domain/config/schema.js";
import {
  buildOrgReport,
  type OrgReport,
  type OrgRepositoryInput,
} from "../../domain/dashboard/org-report.js";
import { formatProblem } from "../../domain/diagnostics/problem.js";
import { progressItems, untrackedItems } from "../../domain/progress/items.js";
import { buildProgress } from "../../domain/progress/model.js";
import { localDate } from "../../domain/progress/week.js";
import type { GitHubClient } from "../../github/client.js";
import type { InstallationInfo, RepositoryInfo } from "../../github/installations.js";
import { listInstallationRepositories } from "../../github/installations.js";
import { type OwnerConfigCache, openRepository, ownerConfigCache } from "../../github/repository.js";
import { describeError, repositoryName } from "../sweep/sweep.js";
import { readUntracked } from "../weekly/untracked.js";

/**
 * `report --org` / `--installation` (issue 19): every repository of one installation, read with
 * the sweep's own reads (the repository probe: config, tracked issues, postmortem directories;
 * then the postmortems, for their done and adopted Markdown items, as `report --repo` reads them),
 * so a repository costs what the sweep's reads cost it, never more. Read-only. Archived repositories are skipped
 * as in the sweep; a repository that fails is listed with its error and the walk goes on.
 */

export interface OrgReportOptions {
  /** The installation whose repositories these are (null: a token's, as in the Action). */
  installation: InstallationInfo | { id: null; account: string };
  /** The app's bot login, whose issues are trusted. */
  botLogin: string;
  now: Date;
  /** The dashboard's language; default: the language most repositories' configs choose (en on a tie). */
  language?: Language;
  /** Called after each repository (the CLI's progress line). */
  onProgress?: (done: number, total: number) => void;
}

/** One repository's contribution, through the sweep's probe (`forSweep`: one request when nothing else is needed). */
export async function readOrgRepository(
  octokit: GitHubClient,
  repository: RepositoryInfo,
  botLogin: string,
  now: Date,
  ownerConfigs: OwnerConfigCache,
): Promise<OrgRepositoryInput & { language?: Language }> {
  const name = repositoryName(repository);
  const url = `${repository.serverUrl}/${name}`;
  try {
    const reads = await openRepository(
      octokit,
      { owner: repository.owner, repo: repository.repo },
      { ownerConfigs },
    ).forSweep(repository.defaultBranch);
    const loaded = await reads.loadConfig();
    if (!loaded.ok)
      return { repository: name, url, status: "config-error", errors: loaded.problems.map(formatProblem) };
    const config = loaded.config;
    const issues = await reads.gateway.listTrackedIssues(config.labels.tracking.name);
    // Done and adopted items of Markdown postmortems count as in every report (issue 14): planned
    // from the files as the sweep reconciles them, through the same reads, without writing.
    const { owner, repo, defaultBranch, serverUrl } = repository;
    const untracked = await readUntracked({
      gateway: reads.gateway,
      github: reads,
      repo: { owner, repo, defaultBranch, serverUrl },
      config,
      botLogin,
      now,
    });
    const today = localDate(now, config.weekly.timezone);
    const items = buildProgress(
      [...progressItems(issues, config, botLogin), ...untrackedItems(untracked)],
      today,
    ).flatMap((p) => p.items);
    return {
      repository: name,
      url,
      status: "ok",
      items,
      severities: config.severities,
      language: config.language,
    };
  } catch (error) {
    return { repository: name, url, status: "failed", errors: [describeError(error)] };
  }
}

/** The most common language, English on a tie or without any. */
export function majorityLanguage(languages: readonly Language[]): Language {
  const ko = languages.filter((l) => l === "ko").length;
  return ko > languages.length - ko ? "ko" : "en";
}

export async function collectOrgReport(octokit: GitHubClient, options: OrgReportOptions): Promise<OrgReport> {
  const listed = (await listInstallationRepositories(octokit))
    .filter((r) => !r.archived)
    .sort((a, b) => repositoryName(a).localeCompare(repositoryName(b)));
  const ownerConfigs = ownerConfigCache();
  const inputs: OrgRepositoryInput[] = [];
  const languages: Language[] = [];
  options.onProgress?.(0, listed.length);
  for (const repository of listed) {
    const { language, ...input } = await readOrgRepository(
      octokit,
      repository,
      options.botLogin,
      options.now,
      ownerConfigs,
    );
    if (language) languages.push(language);
    inputs.push(input);
    options.onProgress?.(inputs.length, listed.length);
  }
  return buildOrgReport(
    {
      account: options.installation.account,
      installation: options.installation.id,
      date: localDate(options.now, "UTC"),
      language: options.language ?? majorityLanguage(languages),
    },
    inputs,
  );
}

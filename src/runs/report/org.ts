import type { Language } from "../../domain/config/schema.js";
import { OrgFold, type OrgLimits, type OrgReportParts } from "../../domain/dashboard/org-fold.js";
import type { OrgFollowup, OrgRepository, OrgRepositoryInput } from "../../domain/dashboard/org-report.js";
import { formatProblem } from "../../domain/diagnostics/problem.js";
import type { NotDoingEntry } from "../../domain/progress/figures.js";
import { progressItems, untrackedItems } from "../../domain/progress/items.js";
import { buildProgress } from "../../domain/progress/model.js";
import { localDate } from "../../domain/progress/week.js";
import type { GitHubClient } from "../../github/client.js";
import type { InstallationInfo, RepositoryInfo } from "../../github/installations.js";
import { listInstallationRepositories } from "../../github/installations.js";
import { type OwnerConfigCache, openRepository, ownerConfigCache } from "../../github/repository.js";
import { describeError, repositoryName } from "../sweep/sweep.js";
import { readUntracked } from "../weekly/untracked.js";
import { SpoolDir } from "./spool.js";

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
  /** The HTML's follow-up rows and the owner rows (default: ORG_LIMITS). */
  limits?: OrgLimits;
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
    // Follow-ups routed here from another repository's postmortem count here, where the work is
    // (that repository's own view leaves them out): each follow-up once in the organisation.
    const label = config.labels.tracking.name;
    const issues = await (reads.gateway.listAllTrackedIssues?.(label) ??
      reads.gateway.listTrackedIssues(label));
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
export function majorityLanguage(languages: { en: number; ko: number }): Language {
  return languages.ko > languages.en ? "ko" : "en";
}

/**
 * Reads every repository of the installation, one at a time, folding each into the report's
 * bounded figures (domain/dashboard/org-fold.ts) and writing its rows to temporary files, then
 * hands the report to `use` (which writes it out as it reads it) and deletes the files. What stays
 * in memory does not grow with the number of repositories: the installation's listing, the
 * folded figures, the most urgent follow-ups, and per follow-up closed as completed one number
 * (its days to close) and per follow-up closed as not planned three (where its entry is).
 */
export async function withOrgReport<T>(
  octokit: GitHubClient,
  options: OrgReportOptions,
  use: (report: OrgReportParts) => T | Promise<T>,
): Promise<T> {
  const listed = (await listInstallationRepositories(octokit))
    .filter((r) => !r.archived)
    .sort((a, b) => repositoryName(a).localeCompare(repositoryName(b)));
  const ownerConfigs = ownerConfigCache();
  const fold = new OrgFold(
    {
      account: options.installation.account,
      installation: options.installation.id,
      date: localDate(options.now, "UTC"),
    },
    options.limits,
  );
  const languages = { en: 0, ko: 0 };
  const spools = new SpoolDir();
  try {
    const repositories = spools.spool<OrgRepository>("repositories");
    const followups = spools.spool<OrgFollowup>("followups");
    const notDoing = spools.spool<NotDoingEntry>("not-doing");
    // Where each "not doing" entry is, to list them by issue number (as the figures do) at the end.
    const places: { number: number; offset: number; length: number }[] = [];
    options.onProgress?.(0, listed.length);
    for (const [index, repository] of listed.entries()) {
      const { language, ...input } = await readOrgRepository(
        octokit,
        repository,
        options.botLogin,
        options.now,
        ownerConfigs,
      );
      if (language) languages[language]++;
      const folded = fold.add(input);
      repositories.append(folded.row);
      for (const f of folded.followups) followups.append(f);
      for (const n of folded.notDoing) places.push({ number: n.number, ...notDoing.append(n) });
      options.onProgress?.(index + 1, listed.length);
    }
    // (a stable sort: equal numbers, from two repositories, stay in the order they were read)
    places.sort((a, b) => a.number - b.number);
    const summary = fold.finish(options.language ?? majorityLanguage(languages));
    return await use({
      ...summary,
      repositories: () => repositories.rows(),
      followups: () => followups.rows(),
      notDoing: function* () {
        for (const place of places) yield notDoing.at(place);
      },
    });
  } finally {
    spools.close();
  }
}

import type { NudgesSent } from "../../domain/markers/nudges.js";
import { errorMessage, statusOf } from "../../github/client.js";
import type { InstallationInfo, RepositoryInfo } from "../../github/installations.js";
import { unreachable } from "../../github/network.js";
import { type FollowupStateCounts, runObserver } from "../../infra/telemetry.js";
import { t } from "../../text/catalog/index.js";
import type { Language } from "../../text/language.js";
import { emptyResult, type RepoSweepResult } from "./repository.js";

/**
 * Walking every installation and repository (pure orchestration over a `SweepSource`): one
 * repository's failure (a broken config, a 404 or 403 because the app lost access mid-sweep, a
 * GitHub error) is recorded and the walk goes on with the next.
 */

export interface SweepTarget {
  installation: InstallationInfo;
  repository: RepositoryInfo;
}

export interface SweepSource {
  /** Every installation of the app (paginated). */
  installations(): Promise<InstallationInfo[]>;
  /** Every repository of an installation (paginated). */
  repositories(installation: InstallationInfo): Promise<RepositoryInfo[]>;
  /** Sweep one repository (config, reconcile, weekly report). */
  sweep(target: SweepTarget): Promise<RepoSweepResult>;
}

export interface SweepSummary {
  repositories: number;
  /** Reports posted (new week or final), or that would be in a dry run. */
  reportsPosted: number;
  /** This week's reports edited because their content changed. */
  reportsUpdated: number;
  /** Missing follow-up issues created. */
  issuesRecreated: number;
  /** Reminders and escalations sent (or, in a dry run, that would be), by kind. */
  nudgesSent: NudgesSent;
  /** Failed repositories and installations, broken configs and postmortems, failed writes. */
  errors: number;
  results: RepoSweepResult[];
  /** Installations whose repositories could not be listed. */
  installationErrors: string[];
}

/** Options of a sweep over every installation (`sweepAll`) or a few repositories (`sweepTargets`). */
export interface FleetSweepOptions {
  /** Only this repository (`owner/name`, case-insensitive). */
  only?: string;
  /** Called as repositories are listed and swept (the CLI's progress line, the scheduler's log). */
  onProgress?: (done: number, total: number, result?: RepoSweepResult) => void;
  /** Skip a repository without a request (the scheduler: already swept this week). */
  skip?: (target: SweepTarget) => boolean;
}

export function repositoryName(repository: Pick<RepositoryInfo, "owner" | "repo">): string {
  return `${repository.owner}/${repository.repo}`;
}

/** Every target, installation by installation; an installation that cannot be listed is recorded. */
export async function collectTargets(
  source: Pick<SweepSource, "installations" | "repositories">,
  options: Pick<FleetSweepOptions, "only"> = {},
): Promise<{ targets: SweepTarget[]; errors: string[] }> {
  const targets: SweepTarget[] = [];
  const errors: string[] = [];
  const only = options.only?.toLowerCase();
  for (const installation of await source.installations()) {
    if (installation.suspended) continue;
    if (only && installation.account.toLowerCase() !== only.split("/")[0]) continue;
    try {
      for (const repository of await source.repositories(installation)) {
        if (repository.archived) continue;
        if (only && repositoryName(repository).toLowerCase() !== only) continue;
        targets.push({ installation, repository });
      }
    } catch (error) {
      errors.push(`installation ${installation.account} (${installation.id}): ${describeError(error)}`);
    }
  }
  return { targets, errors };
}

/** A failed request in one line, in the user's language (GitHub's own message is quoted as it is). */
export function describeError(error: unknown, language: Language = "en"): string {
  const cannot = unreachable(error);
  if (cannot) return t(language, "network.unreachable", cannot);
  const status = statusOf(error);
  const message = errorMessage(error).split("\n")[0]!.slice(0, 300);
  if (status === 404) return t(language, "network.not-found", { message });
  if (status === 403) return t(language, "network.forbidden", { message });
  return status ? t(language, "network.status", { message, status }) : message;
}

/** A repository's count towards the summary's errors. */
export function errorCount(result: RepoSweepResult): number {
  if (result.status === "failed" || result.status === "config-error")
    return Math.max(1, result.errors.length);
  return result.problems.length + result.errors.length;
}

export async function sweepTargets(
  source: Pick<SweepSource, "sweep">,
  targets: readonly SweepTarget[],
  options: Omit<FleetSweepOptions, "only"> = {},
): Promise<SweepSummary> {
  const summary: SweepSummary = {
    repositories: 0,
    reportsPosted: 0,
    reportsUpdated: 0,
    issuesRecreated: 0,
    nudgesSent: { reminders: 0, overdue: 0, escalations: 0 },
    errors: 0,
    results: [],
    installationErrors: [],
  };
  const total = targets.length;
  let done = 0;
  options.onProgress?.(done, total);
  for (const target of targets) {
    if (options.skip?.(target)) {
      done++;
      continue;
    }
    let result: RepoSweepResult;
    try {
      result = await source.sweep(target);
    } catch (error) {
      result = emptyResult(repositoryName(target.repository), "failed");
      result.errors.push(describeError(error));
    }
    done++;
    if (result.status !== "not-due") {
      summary.repositories++;
      summary.results.push(result);
      summary.reportsPosted += result.posted;
      summary.reportsUpdated += result.reports.filter((r) => r.action === "updated").length;
      summary.issuesRecreated += result.recreated;
      const sent = result.nudges?.sent;
      if (sent) {
        summary.nudgesSent.reminders += sent.reminders;
        summary.nudgesSent.overdue += sent.overdue;
        summary.nudgesSent.escalations += sent.escalations;
      }
      summary.errors += errorCount(result);
    }
    options.onProgress?.(done, total, result);
  }
  return summary;
}

/** List every target, then sweep them: the CLI's `sweep` and the scheduler's tick. */
export async function sweepAll(source: SweepSource, options: FleetSweepOptions = {}): Promise<SweepSummary> {
  const started = performance.now();
  const { targets, errors } = await collectTargets(source, options);
  const summary = await sweepTargets(source, targets, options);
  summary.installationErrors = errors;
  summary.errors += errors.length;
  runObserver().sweep((performance.now() - started) / 1000, summary.errors, followupStates(summary.results));
  return summary;
}

/**
 * The follow-ups of each swept repository by state, as the reports classify them (open, due soon,
 * overdue, done and validated, done not validated, not doing) and the lapsed ones, from the tracked
 * issues the nudges read. A repository whose issues were not read this sweep (not due, failed) is
 * absent.
 */
export function followupStates(results: readonly RepoSweepResult[]): Map<string, FollowupStateCounts> {
  const states = new Map<string, FollowupStateCounts>();
  for (const result of results) if (result.followups) states.set(result.repository, result.followups);
  return states;
}

/** The one-line summary the CLI ends with. */
export function summaryLine(summary: SweepSummary, dryRun = false, language: Language = "en"): string {
  const { reminders, overdue, escalations } = summary.nudgesSent;
  return t(language, "sweep.summary", {
    dryRun,
    repositories: summary.repositories,
    reports: summary.reportsPosted,
    recreated: summary.issuesRecreated,
    reminders,
    notices: overdue + escalations,
    errors: summary.errors,
  });
}

/** The language of the closing line: the one every swept repository shares, else English. */
export function fleetLanguage(summary: Pick<SweepSummary, "results">): Language {
  const languages = new Set(summary.results.map((r) => r.config?.language ?? "en"));
  return languages.size === 1 ? [...languages][0]! : "en";
}

import type { Config } from "../../domain/config/schema.js";
import type { RepoGateway, TrackedIssue } from "../../domain/ports.js";
import type { ParseResult } from "../../domain/postmortem/parse.js";
import { scopeOfParsed } from "../recurrence/earlier.js";
import { findRunRecurrences, recurrenceSection } from "../recurrence/run.js";
import { withTrackedIssues } from "../recurrence/tracked.js";

/**
 * The PR check's recurrence section: the changed postmortems' services and tags (as the check parsed
 * them) against the earlier postmortems of the default branch. Costs nothing when no changed
 * postmortem names a service or tag; else the tracked issues (shared with the check's own read) and
 * the earlier files. Never fails the check: an error is logged and the section left out.
 */
export async function checkRecurrence(input: {
  gateway: RepoGateway;
  owner: string;
  repo: string;
  serverUrl: string;
  config: Config | null;
  botLogin: string;
  parsed: readonly ParseResult[];
  trackedIssues: (label: string) => Promise<TrackedIssue[]>;
  today: string;
  sibling?: (repo: string) => RepoGateway;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}): Promise<string> {
  const { config } = input;
  if (!config) return "";
  const repository = `${input.owner}/${input.repo}`;
  const scopes = input.parsed.flatMap((p) => scopeOfParsed(repository, p.file, p) ?? []);
  if (scopes.length === 0) return "";
  // This repository's tracked issues through the check's shared read (one request at most).
  const gateway = withTrackedIssues(input.gateway, input.trackedIssues);

  try {
    const found = await findRunRecurrences({
      gateway,
      owner: input.owner,
      repo: input.repo,
      config,
      botLogin: input.botLogin,
      ref: "HEAD",
      scopes,
      today: input.today,
      ...(input.sibling ? { sibling: input.sibling } : {}),
      log: input.log,
    });
    return recurrenceSection(found, {
      language: config.language,
      today: input.today,
      serverUrl: input.serverUrl,
      repository,
    });
  } catch (error) {
    input.log.warn({ err: error }, "recurrence: earlier postmortems could not be read");
    return "";
  }
}

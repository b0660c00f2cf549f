import type { Config } from "../../domain/config/schema.js";
import type { PullRef, RepoRef } from "../../domain/followups/model.js";
import type { RepoGateway } from "../../domain/ports.js";
import type { Postmortem } from "../../domain/postmortem/schema.js";
import { commentOnEarlier, findRunRecurrences, recurrenceSection } from "./run.js";

/**
 * Recurrence on merge: the summary's section listing the earlier postmortems on the same services or
 * tags, and the one comment on each earlier pull request (written after the summary, by `comment`).
 * A failure here is logged and never stops the merge.
 */
export async function mergeRecurrence(input: {
  repo: RepoRef;
  gateway: RepoGateway;
  config: Config;
  /** The merge's file reports: the reconciled postmortems are the new ones. */
  files: readonly { path: string; outcome: string; postmortem: Postmortem | null }[];
  ref: string;
  /** The merge date (YYYY-MM-DD). */
  today: string;
  pr: PullRef;
  botLogin: string;
  sibling?: (repo: string) => RepoGateway;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}): Promise<{ section: string; comment: () => Promise<void> }> {
  const { repo, config, today, pr, log } = input;
  const repository = `${repo.owner}/${repo.repo}`;
  const news = input.files.flatMap((f) =>
    f.outcome === "reconciled" && f.postmortem
      ? [
          {
            scope: {
              repository,
              path: f.path,
              date: f.postmortem.date,
              services: f.postmortem.services ?? [],
              tags: f.postmortem.tags ?? [],
            },
            title: f.postmortem.title,
          },
        ]
      : [],
  );
  const none = { section: "", comment: async () => {} };
  const recurrenceInput = {
    gateway: input.gateway,
    owner: repo.owner,
    repo: repo.repo,
    config,
    botLogin: input.botLogin,
    ref: input.ref,
    scopes: news.map((n) => n.scope),
    today,
    ...(input.sibling ? { sibling: input.sibling } : {}),
    log,
  };
  try {
    const found = await findRunRecurrences(recurrenceInput);
    if (found.matches.size === 0) return none;
    const ctx = { language: config.language, today, serverUrl: repo.serverUrl, repository };
    return {
      section: recurrenceSection(found, ctx),
      comment: async () => {
        const outcome = await commentOnEarlier(
          recurrenceInput,
          found,
          news.map((n) => ({ path: n.scope.path, title: n.title, pr: pr.number })),
          ctx,
        );
        log.info({ ...outcome }, "recurrence: comments on the earlier pull requests");
      },
    };
  } catch (error) {
    log.warn({ err: error }, "recurrence: earlier postmortems could not be read");
    return none;
  }
}

import type { Config } from "../../domain/config/schema.js";
import type { RepoFile, RepoGateway } from "../../domain/ports.js";
import { parsePostmortem } from "../../domain/postmortem/parse.js";
import { LIMITS } from "../../domain/postmortem/schema.js";
import { progressItems } from "../../domain/progress/items.js";
import type { EarlierPostmortem, RecurrenceItem, RecurrenceScope } from "../../domain/progress/recurrence.js";

/**
 * The earlier postmortems of one repository, cheaply: they are found through the follow-up issues the
 * merge and the check already read (each issue's marker names its postmortem's path and pull request),
 * so the only new requests are the postmortem files themselves, read at the default branch in one
 * GraphQL request per 25 and at most `MAX_EARLIER_FILES` of them (the most recent pull requests
 * first). A postmortem that never had a follow-up issue is not an earlier incident here: recurrence is
 * about the follow-ups that were meant to prevent the next one.
 */

/** At most this many earlier postmortem files are read per repository (two requests). */
export const MAX_EARLIER_FILES = 50;
/** Without a batch read, at most this many files are read one by one. */
const MAX_SINGLE_READS = 5;

export interface EarlierInput {
  gateway: RepoGateway;
  /** `owner/name` of `gateway`'s repository. */
  repository: string;
  config: Config;
  botLogin: string;
  /** Where the earlier postmortems are read (the default branch, `HEAD`). */
  ref: string;
  /** Paths of this repository not to read (the new postmortems themselves). */
  exclude?: ReadonlySet<string>;
}

export interface EarlierRead {
  postmortems: EarlierPostmortem[];
  /** Files asked for (the cost of recurrence, for the bench and the logs). */
  filesRead: number;
}

/** The earlier postmortems that name a service or tag, with their follow-ups. */
export async function readEarlierPostmortems(input: EarlierInput): Promise<EarlierRead> {
  const { gateway, config } = input;
  const issues = await gateway.listTrackedIssues(config.labels.tracking.name);
  const byPath = new Map<string, { pr: number | null; items: RecurrenceItem[] }>();
  for (const item of progressItems(issues, config, input.botLogin)) {
    if (input.exclude?.has(item.path)) continue;
    const entry = byPath.get(item.path) ?? { pr: item.pr, items: [] };
    entry.items.push(item);
    if (item.pr !== null && (entry.pr === null || item.pr > entry.pr)) entry.pr = item.pr;
    byPath.set(item.path, entry);
  }
  const paths = [...byPath.entries()]
    .sort(([pa, a], [pb, b]) => (b.pr ?? 0) - (a.pr ?? 0) || pb.localeCompare(pa))
    .slice(0, MAX_EARLIER_FILES)
    .map(([path]) => path);
  if (paths.length === 0) return { postmortems: [], filesRead: 0 };

  let files: Map<string, RepoFile | null>;
  let filesRead: number;
  if (gateway.readFiles) {
    files = await gateway.readFiles(paths, { ref: input.ref, maxBytes: LIMITS.fileBytes });
    filesRead = paths.length;
  } else {
    files = new Map();
    const few = paths.slice(0, MAX_SINGLE_READS);
    for (const path of few)
      files.set(path, await gateway.readFile(path, { ref: input.ref, maxBytes: LIMITS.fileBytes }));
    filesRead = few.length;
  }

  const postmortems: EarlierPostmortem[] = [];
  for (const path of paths) {
    const file = files.get(path);
    if (file?.kind !== "file") continue;
    const parsed = parsePostmortem(path, file.content, config);
    const scope = parsed.scope;
    if (!scope || !parsed.postmortem) continue;
    const entry = byPath.get(path)!;
    postmortems.push({
      repository: input.repository,
      path,
      title: parsed.postmortem.title,
      date: parsed.postmortem.date,
      pr: entry.pr,
      services: scope.services.map((s) => s.name),
      tags: scope.tags.map((s) => s.name),
      followups: entry.items,
    });
  }
  return { postmortems, filesRead };
}

/** The scope of a parsed new postmortem, or null when it names no service and no tag. */
export function scopeOfParsed(
  repository: string,
  path: string,
  parsed: {
    postmortem: { date: string } | null;
    scope?: { services: { name: string }[]; tags: { name: string }[] };
  },
): RecurrenceScope | null {
  if (!parsed.scope || !parsed.postmortem) return null;
  return {
    repository,
    path,
    date: parsed.postmortem.date,
    services: parsed.scope.services.map((s) => s.name),
    tags: parsed.scope.tags.map((s) => s.name),
  };
}

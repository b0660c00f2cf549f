import type { Config } from "../../domain/config/schema.js";
import type { RepoGateway, TrackedIssue } from "../../domain/ports.js";
import { recurrenceByService, type ServiceRecurrence } from "../../domain/progress/recurrence.js";
import { readEarlierPostmortems } from "./earlier.js";
import { withTrackedIssues } from "./tracked.js";

/**
 * `report`'s repeat incidents per service: the repository's postmortems with follow-up issues (the
 * most recent `MAX_EARLIER_FILES`, read in one request per 25) and the issues the report already read.
 */
export async function serviceRecurrence(input: {
  gateway: RepoGateway;
  repository: string;
  config: Config;
  botLogin: string;
  issues: readonly TrackedIssue[];
  /** The default branch: the same ref as the run's other reads, so a read cache answers them. */
  ref: string;
}): Promise<ServiceRecurrence[]> {
  const issues = [...input.issues];
  const { postmortems } = await readEarlierPostmortems({
    gateway: withTrackedIssues(input.gateway, async () => issues),
    repository: input.repository,
    config: input.config,
    botLogin: input.botLogin,
    ref: input.ref,
  });
  return recurrenceByService(postmortems);
}

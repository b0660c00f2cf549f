import { readFollowupMarker } from "../../../src/domain/markers/marker.js";
import { readProgressMarker } from "../../../src/domain/progress/report-history.js";
import { sweepThroughOctokit } from "../../../src/runs/sweep/app.js";
import { postmortemMarkdown } from "../../helpers/postmortems.js";
import {
  botLogin,
  commentsOn,
  installationOctokit,
  issuesOf,
  mergedPull,
} from "../../helpers/simulated-github.js";
import type { RequestRecord, SimInstallation, SimRepo, Simulator } from "../../simulator/index.js";

/**
 * A fleet on the simulator for the sweep's tests: organisations' installations with several
 * repositories each, each repository with a postmortem merged in pull request #7 (whose webhook
 * may or may not have run). Page sizes are the test's choice (`SimulatorOptions.maxPerPage`), so
 * installation and repository listings are walked page by page with a handful of items.
 */

export const FLEET_PATH = "postmortems/2026-03-12-payments.md";

/** The installation of organisation `account` with id `id`. */
export function addInstallation(sim: Simulator, id: number, account: string): SimInstallation {
  return sim.addInstallation(account, { id, accountType: "Organization" });
}

/** An installed repository of `owner` with only a README (`files` adds more). */
export function emptyRepo(
  sim: Simulator,
  installation: SimInstallation,
  name: string,
  options: { files?: Record<string, string>; archived?: boolean } = {},
): SimRepo {
  if (!sim.state.users.alice) sim.addUser("alice");
  return sim.seedRepo({
    owner: installation.account,
    ownerType: "Organization",
    name,
    installation: installation.id,
    archived: options.archived ?? false,
    files: { "README.md": "# repo\n", ...options.files },
    collaborators: { alice: "write" },
  });
}

/** A repository whose postmortem (short-term follow-ups `ids`, due 2026-12-20) merged in pull request #7. */
export function repoWithPostmortem(
  sim: Simulator,
  installation: SimInstallation,
  name: string,
  options: { ids?: string[]; path?: string; archived?: boolean } = {},
): SimRepo {
  const repo = emptyRepo(sim, installation, name);
  const ids = options.ids ?? ["gateway", "canary"];
  const path = options.path ?? FLEET_PATH;
  mergedPull(sim, repo, 7, {
    [path]: postmortemMarkdown({ short_term: ids.map((id) => ({ id, due: "2026-12-20" })) }),
  });
  if (options.archived) repo.archived = true;
  return repo;
}

/** The follow-up issues (the app's, with a marker) of a repository, by number. */
export function followups(sim: Simulator, repo: SimRepo) {
  return issuesOf(repo).filter((i) => i.user === botLogin(sim) && readFollowupMarker(i.body ?? ""));
}

/** The weekly reports on a pull request. */
export function reports(repo: SimRepo, pr = 7) {
  return commentsOn(repo, pr).filter((c) => readProgressMarker(c.body));
}

/** `owner/name` (lower-case) a recorded request was about: its REST path or its GraphQL variables. */
export function repositoryOf(request: RequestRecord): string | null {
  if (request.kind === "rest") {
    const m = /^\/repos\/([^/]+)\/([^/]+)/.exec(request.path);
    return m ? `${m[1]}/${m[2]}`.toLowerCase() : null;
  }
  const variables = (request.body as { variables?: Record<string, unknown> } | null)?.variables;
  const owner = variables?.owner;
  const name = variables?.name ?? variables?.repo;
  return typeof owner === "string" && typeof name === "string" ? `${owner}/${name}`.toLowerCase() : null;
}

/** Requests about one repository. */
export function about(sim: Simulator, repo: SimRepo): RequestRecord[] {
  return sim.requests.filter((r) => repositoryOf(r) === repo.full_name.toLowerCase());
}

/** One sweep of `repo` (its default branch `main`) as the app, on its installation, on the day `now`. */
export function sweepRepo(sim: Simulator, repo: SimRepo, now: Date) {
  return sweepThroughOctokit(installationOctokit(sim, repo.installation_id ?? undefined), {
    repo: { owner: repo.owner, repo: repo.name, defaultBranch: "main", serverUrl: "https://github.com" },
    botLogin: botLogin(sim),
    now,
  });
}

import { Octokit } from "@octokit/rest";
import type { Config } from "../src/domain/config/schema.js";
import { type ParsedFollowup, parsePostmortem } from "../src/domain/postmortem/parse.js";

/**
 * The naive way, as people write it without the app: for every action item, search for an issue
 * with its title and create one when the search finds nothing; for the weekly report, fetch every
 * issue and post a comment. It runs over the same simulator as the app, with a plain Octokit
 * (no throttling, no retries: it would only make it slower, not cheaper). It uses the app's
 * parser to read the postmortem, so both read exactly the same items.
 *
 * The search is GitHub's issue search (`GET /search/issues`); the simulator's answers it at once,
 * where GitHub's index lags (a re-run soon after creating may not find the issue and create a
 * duplicate) and limits search to 30 requests a minute: both make the real baseline worse than
 * measured here.
 */

export function naiveOctokit(baseUrl: string, token: string): Octokit {
  const quiet = () => {};
  return new Octokit({ baseUrl, auth: token, log: { debug: quiet, info: quiet, warn: quiet, error: quiet } });
}

interface Target {
  owner: string;
  repo: string;
}

function labelsOf(item: ParsedFollowup, config: Config): string[] {
  return [
    config.labels.tracking.name,
    config.labels.terms[item.term].name,
    config.categories[item.category]?.name ?? item.category,
  ];
}

async function readPostmortem(
  octokit: Octokit,
  target: Target,
  path: string,
  ref: string | undefined,
  config: Config,
): Promise<ParsedFollowup[]> {
  const { data } = await octokit.rest.repos.getContent({ ...target, path, ...(ref ? { ref } : {}) });
  if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return [];
  return parsePostmortem(path, Buffer.from(data.content, "base64").toString("utf8"), config).followups;
}

/** Search by title; create when nothing is found. Returns the issue numbers, created or found. */
async function searchThenCreate(
  octokit: Octokit,
  target: Target,
  items: readonly ParsedFollowup[],
  config: Config,
  pr: number | null,
): Promise<number[]> {
  const numbers: number[] = [];
  for (const item of items) {
    const q = `repo:${target.owner}/${target.repo} is:issue in:title "${item.title.replaceAll('"', "")}"`;
    const { data } = await octokit.rest.search.issuesAndPullRequests({ q });
    const found = data.items.find((i) => i.title === item.title);
    if (found) {
      numbers.push(found.number);
      continue;
    }
    const { data: created } = await octokit.rest.issues.create({
      ...target,
      title: item.title,
      body: `${item.description ?? ""}\n\nFrom the postmortem${pr ? ` merged in #${pr}` : ""}.`,
      labels: labelsOf(item, config),
      ...(item.owner ? { assignees: [item.owner.replace(/^@/, "")] } : {}),
    });
    numbers.push(created.number);
  }
  return numbers;
}

/** On merge: the pull request's files, each postmortem read, then search + create per item. */
export async function naiveMerge(
  octokit: Octokit,
  target: Target & { pr: number; ref: string },
  config: Config,
): Promise<void> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pr,
    per_page: 100,
  });
  for (const file of files) {
    if (file.status === "removed" || !/^postmortems\/.*\.md$/.test(file.filename)) continue;
    const items = await readPostmortem(octokit, target, file.filename, target.ref, config);
    await searchThenCreate(octokit, target, items, config, target.pr);
  }
}

/**
 * The weekly sweep of one repository: list the postmortems, read each, make sure every item has
 * an issue (search, create when missing), GET every issue for its state, and post the report on
 * the postmortem's pull request (the issue body says "merged in #N", in the app's issues as in its own).
 */
export async function naiveSweepRepository(octokit: Octokit, target: Target, config: Config): Promise<void> {
  let entries: { path: string; type: string }[];
  try {
    const { data } = await octokit.rest.repos.getContent({ ...target, path: "postmortems" });
    entries = Array.isArray(data) ? data : [];
  } catch (error) {
    if ((error as { status?: number }).status === 404) return;
    throw error;
  }
  for (const entry of entries) {
    if (entry.type !== "file" || !entry.path.endsWith(".md")) continue;
    const items = await readPostmortem(octokit, target, entry.path, undefined, config);
    const numbers = await searchThenCreate(octokit, target, items, config, null);
    let pr: number | null = null;
    const lines: string[] = [];
    for (const number of numbers) {
      const { data: issue } = await octokit.rest.issues.get({ ...target, issue_number: number });
      pr ??= Number(/merged in #(\d+)/.exec(issue.body ?? "")?.[1] ?? Number.NaN) || null;
      lines.push(`- [${issue.state === "closed" ? "x" : " "}] #${issue.number} ${issue.title}`);
    }
    if (pr !== null)
      await octokit.rest.issues.createComment({
        ...target,
        issue_number: pr,
        body: `Weekly progress of ${entry.path}\n\n${lines.join("\n")}`,
      });
  }
}

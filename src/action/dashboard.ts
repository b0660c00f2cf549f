import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { errorMessage, type GitHubClient } from "../github/client.js";
import { dashboardChunks, loadDashboardAssets } from "../runs/report/html.js";
import { withOrgReport } from "../runs/report/org.js";
import { plural } from "../text/plural.js";

/**
 * The Action's `dashboard` input (issue 19): on `schedule` and `workflow_dispatch`, after the
 * sweep, the HTML dashboard of every repository the token can list (`GET /installation/repositories`:
 * this repository with the workflow's GITHUB_TOKEN; every repository of the installation with a
 * GitHub App's installation token) is written to a file in the workspace, for a later step to
 * upload as an artifact or publish to GitHub Pages (docs/github-action.md). Read-only on GitHub.
 */

/** The file to write, inside the workspace; an error message for a path that leaves it. */
export function dashboardPath(workspace: string, input: string): { path: string } | { error: string } {
  const path = resolve(workspace, input);
  const inside = relative(workspace, path);
  if (isAbsolute(input) || inside.startsWith("..") || inside === "")
    return { error: `input dashboard must be a file path inside the workspace (got "${input}")` };
  return { path };
}

/** Writes the dashboard; resolves with how many repositories it shows. */
export async function writeDashboard(
  octokit: GitHubClient,
  input: { path: string; owner: string; botLogin: string; now: Date },
): Promise<number> {
  mkdirSync(dirname(input.path), { recursive: true });
  return withOrgReport(
    octokit,
    { installation: { id: null, account: input.owner }, botLogin: input.botLogin, now: input.now },
    (report) => {
      // Written as it is made (the page is never whole in memory).
      const fd = openSync(input.path, "w");
      try {
        for (const chunk of dashboardChunks(report, loadDashboardAssets())) writeSync(fd, chunk);
      } finally {
        closeSync(fd);
      }
      return report.counts.repositories;
    },
  );
}

/** `writeDashboard`, reported as the Action reports: one line, or one `::error::` and exit code 1. */
export async function runDashboard(
  octokit: GitHubClient,
  input: Parameters<typeof writeDashboard>[1],
  out: { line: (text: string) => void; error: (text: string) => void },
): Promise<number> {
  try {
    const count = await writeDashboard(octokit, input);
    out.line(`dashboard: ${plural(count, "repository", "repositories")} written to ${input.path}`);
    return 0;
  } catch (e) {
    out.error(`dashboard: ${errorMessage(e)}`);
    return 1;
  }
}

import type { Octokit } from "@octokit/core";
import { CONFIG_FILE } from "../domain/config/load.js";
import { AppOctokit } from "./client.js";
import { type DryRunWrite, dryRunRequest, type RequestOptions } from "./dry-run.js";

export type { DryRunWrite };

/**
 * What the GitHub Action adds to the app's Octokit, as one Octokit plugin:
 *
 * - `config`: the repository's config file at another path. Probot's `context.config()`, the
 *   sweep and the gateway all read `.github/postmortem-followups.yml` of the workflow's repository
 *   through `GET /repos/{owner}/{repo}/contents/{path}`; that one read is pointed at the chosen
 *   file. Other repositories (the organisation's `.github` defaults) are left alone.
 * - `dryRun`: nothing is written: every request goes through the dry run's request level
 *   (`dryRunRequest` in src/github/dry-run.ts, the one dry-run module), which records each write
 *   and answers it locally, so the run goes on and shows everything it would have done.
 */

export interface ActionOctokitOptions {
  /** `owner/name` of the workflow's repository. */
  repository: string;
  /** Repository path of the config file; `.github/postmortem-followups.yml` when unset. */
  configPath?: string;
  dryRun?: boolean;
  /** The login the run acts as (the author of answered writes in a dry run). */
  botLogin: string;
  /** Where a dry run's writes are reported (default: the Octokit's logger). */
  onDryRunWrite?: (write: DryRunWrite) => void;
}

type Request = Parameters<typeof dryRunRequest>[0];

export function actionOctokitPlugin(config: ActionOctokitOptions) {
  const [owner = "", repo = ""] = config.repository.split("/");
  const configPath = config.configPath && config.configPath !== CONFIG_FILE ? config.configPath : null;
  return (octokit: Octokit): Record<string, never> => {
    const hook = octokit.hook as unknown as {
      wrap(name: "request", fn: (request: Request, options: RequestOptions) => Promise<unknown>): void;
    };
    hook.wrap("request", async (request, options) => {
      if (
        configPath &&
        options.url === "/repos/{owner}/{repo}/contents/{path}" &&
        options.path === CONFIG_FILE &&
        String(options.owner).toLowerCase() === owner.toLowerCase() &&
        String(options.repo).toLowerCase() === repo.toLowerCase()
      ) {
        options.path = configPath;
      }
      // The probes read the config in GraphQL (src/github/probe.ts, check-probe.ts; `<rev>:<path>`
      // expressions, at the default branch or the head commit): the same file.
      const variables = (options as { variables?: Record<string, unknown> }).variables;
      if (configPath && options.url === "/graphql" && variables)
        for (const [name, value] of Object.entries(variables))
          if (typeof value === "string" && value.endsWith(`:${CONFIG_FILE}`) && !value.includes("\n"))
            variables[name] = `${value.slice(0, -CONFIG_FILE.length)}${configPath}`;
      if (!config.dryRun) return request(options);
      return dryRunRequest(request, options, {
        botLogin: config.botLogin,
        onWrite:
          config.onDryRunWrite ??
          ((write) => octokit.log.info(`dry run: would ${write.method} ${write.route} (${write.summary})`)),
      });
    });
    return {};
  };
}

/** The config input: a repository path, relative, without `..`, ending in .yml or .yaml. */
export function checkConfigPath(path: string): string | null {
  if (path.startsWith("/") || path.split("/").includes("..") || path.includes("\\"))
    return `config must be a path inside the repository (got "${path}")`;
  if (!/\.ya?ml$/.test(path)) return `config must be a .yml or .yaml file (got "${path}")`;
  return null;
}

/** The Action's Octokit class: the app's (./client.ts) with the plugin above, for `new Probot({ Octokit })`. */
export function actionOctokit(options: ActionOctokitOptions): typeof AppOctokit {
  return AppOctokit.plugin(actionOctokitPlugin(options)) as unknown as typeof AppOctokit;
}

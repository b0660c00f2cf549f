import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { RepoRef } from "../domain/followups/model.js";
import { t } from "../text/catalog/index.js";
import { type CliIO, UsageError } from "./context.js";

const run = promisify(execFile);

export const PLACEHOLDER = { owner: "OWNER", repo: "REPO" } as const;

export interface ResolvedRepo {
  repo: RepoRef;
  /** The folder repository paths are relative to: the git work tree, else the working folder. */
  root: string;
  source: "option" | "git" | "placeholder";
}

/**
 * `owner/name`, or a remote URL: https://host/owner/name(.git), git@host:owner/name(.git),
 * ssh://git@host[:port]/owner/name(.git). Null when it is none of these.
 */
export function parseRepoSpec(
  spec: string,
  defaultHost = "github.com",
): { owner: string; repo: string; serverUrl: string } | null {
  const name = "[A-Za-z0-9_.-]+";
  const text = spec.trim();
  const short = new RegExp(`^(${name})/(${name})$`).exec(text);
  if (short && !text.includes(":"))
    return { owner: short[1]!, repo: stripGit(short[2]!), serverUrl: `https://${defaultHost}` };
  const scp = new RegExp(`^[^@/\\s]+@([^:/\\s]+):/?(${name})/(${name})/?$`).exec(text);
  if (scp) return { owner: scp[2]!, repo: stripGit(scp[3]!), serverUrl: `https://${scp[1]}` };
  try {
    const url = new URL(text);
    const [owner, repo, ...rest] = url.pathname.split("/").filter(Boolean);
    if (!owner || !repo || rest.length > 0 || !["https:", "http:", "ssh:", "git:"].includes(url.protocol))
      return null;
    return { owner, repo: stripGit(repo), serverUrl: `https://${url.hostname}` };
  } catch {
    return null;
  }
}

function stripGit(repo: string): string {
  return repo.replace(/\.git$/, "");
}

async function git(cwd: string, args: string[]): Promise<string | null> {
  try {
    const { stdout } = await run("git", args, { cwd, timeout: 5000, windowsHide: true });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/** The root of the git work tree that holds `dir`, or null (no git, or not in a work tree). */
export function gitRoot(dir: string): Promise<string | null> {
  return git(dir, ["rev-parse", "--show-toplevel"]);
}

/** --repo, else the `origin` remote of the git work tree, else OWNER/REPO placeholders. */
export async function resolveRepo(io: CliIO, option: string | undefined): Promise<ResolvedRepo> {
  const host = io.env.GHE_HOST || "github.com";
  const root = (await gitRoot(io.cwd)) ?? io.cwd;
  const head = await git(io.cwd, ["symbolic-ref", "--short", "refs/remotes/origin/HEAD"]);
  const defaultBranch = head?.replace(/^origin\//, "") || "main";
  if (option !== undefined) {
    const parsed = parseRepoSpec(option, host);
    if (!parsed) throw new UsageError((l) => t(l, "usage.repo-form", { got: option }));
    return { repo: { ...parsed, defaultBranch }, root, source: "option" };
  }
  const remote = await git(io.cwd, ["remote", "get-url", "origin"]);
  const parsed = remote ? parseRepoSpec(remote, host) : null;
  if (parsed) return { repo: { ...parsed, defaultBranch }, root, source: "git" };
  return {
    repo: { ...PLACEHOLDER, serverUrl: `https://${host}`, defaultBranch },
    root,
    source: "placeholder",
  };
}

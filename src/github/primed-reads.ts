import { TRACKING_LABEL } from "../domain/config/defaults.js";
import { DEFAULT_PATHS } from "../domain/config/schema.js";
import type { RepoGateway, RepoTree } from "../domain/ports.js";
import { LIMITS } from "../domain/postmortem/schema.js";
import { configFromProbe, type RepoConfigResult } from "./config.js";
import type { OctokitRepoGateway } from "./gateway.js";
import { globDirectories } from "./globs.js";
import { PrimedGateway } from "./primed-gateway.js";
import type { MergeProbe, RepositoryProbe } from "./probe-map.js";

/**
 * A merge's and a sweep's reads: one probe (./probe.ts), then the primed gateway
 * (./primed-gateway.ts) answers from it. Used by the factory (./repository.ts) only.
 */

/** What a merge reads through, and how its config is loaded. */
export interface MergeReads {
  gateway: RepoGateway;
  loadConfig: () => Promise<RepoConfigResult>;
  /** True when the probe answered (false: every part is read on its own). */
  probed: boolean;
}

/**
 * Probe once for a merged pull request (./probe.ts), then read through the primed gateway. The
 * tracked issues are probed under the default tracking label: a config that renames it costs one
 * more query, read when reconcile asks. When the probe fails (an old GitHub Enterprise schema, a
 * 5xx), every part is read on its own, as if there were no probe.
 */
export async function mergeReads(
  base: OctokitRepoGateway,
  pullNumber: number,
  loadWithProbot: () => Promise<RepoConfigResult>,
  log: { warn(obj: object, msg: string): void },
): Promise<MergeReads> {
  let probe: MergeProbe;
  try {
    probe = await base.probeMerge(pullNumber, TRACKING_LABEL);
  } catch (error) {
    log.warn({ err: error }, "the merge probe failed: reading each part on its own");
    return { gateway: base, loadConfig: loadWithProbot, probed: false };
  }
  const gateway = new PrimedGateway(
    base,
    {
      repositoryId: probe.repositoryId,
      pullFiles: probe.pullFiles ? { number: pullNumber, files: probe.pullFiles } : null,
      comments: probe.comments ? new Map([[pullNumber, probe.comments]]) : new Map(),
      labels: probe.labels,
      assignable: probe.assignable,
      tracked: probe.tracked,
    },
    (label, cursor) => base.trackedIssuesAfter(label, cursor),
  );
  return { gateway, loadConfig: () => configFromProbe(probe.config, loadWithProbot), probed: true };
}

/** The default `paths`' directories: what the sweep's probe lists before the config is known. */
const PROBED_DIRECTORIES = globDirectories(DEFAULT_PATHS) ?? [];

/** What a sweep of one repository reads through. */
export interface RepositoryReads {
  gateway: PrimedGateway;
  loadConfig: () => Promise<RepoConfigResult>;
  /** The file paths on the default branch that `globs` can match (the probe's listing when it covers them). */
  tree: (ref: string, globs: readonly string[]) => Promise<RepoTree>;
  /** The postmortems and the pull requests' comments, in one request, into the gateway's answers. */
  prefetch: (ref: string, paths: readonly string[], numbers: readonly number[]) => Promise<void>;
  probed: boolean;
}

/**
 * Probe once for a repository's sweep (./probe.ts): the config, the tracked issues, the
 * assignable users and the default postmortem directories' listing. With `prefetch` (the
 * postmortems and the comments) that is two requests for a repository with postmortems, one for
 * a repository without. A failed probe, a config whose `paths` lie elsewhere, or a directory
 * deeper than probed: those parts are read through REST as before.
 */
export async function repositoryReads(
  base: OctokitRepoGateway,
  input: {
    defaultBranch: string;
    loadWithProbot: () => Promise<RepoConfigResult>;
    listTree: (ref: string) => Promise<RepoTree>;
    log?: { warn(obj: object, msg: string): void };
  },
): Promise<RepositoryReads> {
  let probe: RepositoryProbe | null = null;
  try {
    probe = await base.probeRepository(TRACKING_LABEL, PROBED_DIRECTORIES);
  } catch (error) {
    input.log?.warn({ err: error }, "the repository probe failed: reading each part on its own");
  }
  const gateway = new PrimedGateway(
    base,
    probe ? { repositoryId: probe.repositoryId, assignable: probe.assignable, tracked: probe.tracked } : {},
    (label, cursor) => base.trackedIssuesAfter(label, cursor),
  );
  const listed = probe?.paths ?? null;
  return {
    gateway,
    probed: probe !== null,
    loadConfig: probe ? () => configFromProbe(probe.config, input.loadWithProbot) : input.loadWithProbot,
    tree: async (ref, globs) => {
      const wanted = globDirectories(globs);
      const inProbed = (dir: string) => PROBED_DIRECTORIES.some((p) => dir === p || dir.startsWith(`${p}/`));
      if (listed === null || ref !== input.defaultBranch || !wanted?.every(inProbed))
        return input.listTree(ref);
      return { paths: listed, truncated: false };
    },
    prefetch: async (ref, paths, numbers) => {
      if (paths.length === 0 && numbers.length === 0) return;
      const read = await base.readFilesAndComments({ ref, paths, numbers, maxBytes: LIMITS.fileBytes });
      gateway.addFiles(ref, read.files);
      gateway.addComments(read.comments);
    },
  };
}

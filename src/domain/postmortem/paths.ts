import picomatch from "picomatch";
import {
  type GlobIssue,
  globIssue,
  MAX_GLOB_LENGTH,
  MAX_MATCHED_PATH_LENGTH,
  splitNegated,
} from "../config/glob.js";

/**
 * Which repository paths are postmortems: a path under the configured globs with a Markdown or
 * YAML extension. Every caller (the check, the merge, the sweep, the CLI's `lint` and `plan`)
 * compiles the config's globs here, so they all agree on which files are postmortems and all
 * refuse the same globs (the bounds are in ../config/glob.ts).
 */
export const POSTMORTEM_EXTENSIONS = ["md", "markdown", "yml", "yaml"] as const;

/** A Markdown or YAML extension (a plain, linear regular expression: no glob). */
export const POSTMORTEM_EXTENSION = new RegExp(`\\.(${POSTMORTEM_EXTENSIONS.join("|")})$`, "i");

/** A file name with a Markdown or YAML extension (wherever it is). */
export function isPostmortemFileName(path: string): boolean {
  return POSTMORTEM_EXTENSION.test(path);
}

export type PathMatcher = (path: string) => boolean;

/** A glob of a config that is over the bounds: the config schema refuses it first (with its line). */
export class RefusedGlobError extends Error {
  constructor(
    readonly glob: string,
    readonly issue: GlobIssue,
  ) {
    super(`refused glob ${JSON.stringify(glob.slice(0, 80))}: ${issue.kind}`);
    this.name = "RefusedGlobError";
  }
}

/**
 * picomatch's options for config globs. `noextglob`: extglobs are refused (../config/glob.ts);
 * `nonegate`: a leading `!` is handled here (it excludes, see below); `maxLength`: picomatch's own
 * bound on the glob's length, the schema's.
 */
const GLOB_OPTIONS: picomatch.PicomatchOptions = {
  dot: false,
  noextglob: true,
  nonegate: true,
  maxLength: MAX_GLOB_LENGTH,
};

/**
 * The one compile function of config globs. A repository-relative path (forward slashes; a
 * leading `./` and backslashes are accepted) matches when it has a postmortem extension, is at most
 * MAX_MATCHED_PATH_LENGTH long, matches one of the globs without `!` and none of the globs with
 * `!` (so `["postmortems/**", "!postmortems/_TEMPLATE.md"]` leaves the template out). Dot files
 * never match. Throws RefusedGlobError, before compiling anything, on a glob over the bounds.
 */
export function postmortemPathMatcher(globs: readonly string[]): PathMatcher {
  for (const glob of globs) {
    const issue = globIssue(glob);
    if (issue) throw new RefusedGlobError(glob, issue);
  }
  const { include, exclude } = splitNegated(globs);
  const included = include.map((glob) => picomatch.makeRe(glob, GLOB_OPTIONS));
  const excluded = exclude.map((glob) => picomatch.makeRe(glob, GLOB_OPTIONS));
  return (path) => {
    if (path.length > MAX_MATCHED_PATH_LENGTH + 2) return false;
    const posix = toPosix(path).replace(/^\.\//, "");
    if (posix.length > MAX_MATCHED_PATH_LENGTH || !POSTMORTEM_EXTENSION.test(posix)) return false;
    return included.some((re) => re.test(posix)) && !excluded.some((re) => re.test(posix));
  };
}

/** Are the globs within the bounds (so postmortemPathMatcher compiles them)? */
export function globsWithinBounds(globs: readonly string[]): boolean {
  return globs.every((glob) => globIssue(glob) === undefined);
}

export function toPosix(path: string): string {
  return path.replace(/\\/g, "/");
}

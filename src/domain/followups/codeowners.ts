import { type CodeOwnersEntry, matchPattern, parse } from "codeowners-utils";
import { globIssue, MAX_MATCHED_PATH_LENGTH } from "../config/glob.js";

/**
 * A repository's CODEOWNERS (issue 17: routing by code owner), read through the maintained library
 * codeowners-utils, within bounds. Pure: the caller reads the file (runs/routing/).
 *
 * GitHub's rule: the LAST pattern that matches a path gives its owners, even when that line names
 * no owner (the path then has none). codeowners-utils' `parse` returns the entries reversed, so its
 * first match is the file's last one.
 *
 * The bounds: the file is read only up to GitHub's own limit (3 MB: GitHub ignores a larger
 * CODEOWNERS), at most MAX_CODEOWNERS_ENTRIES lines with a pattern are kept (the first ones), and a
 * pattern over the config globs' bounds (../config/glob.ts: more than 3 wildcards, 2 stars in a
 * segment) is left out: the library turns patterns into backtracking regular expressions.
 */

/** GitHub ignores a CODEOWNERS file over 3 MB. */
export const MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024;
/** Entries kept (a real CODEOWNERS has a few hundred; each path looked up is tried against each, about 10-30 µs a try). */
export const MAX_CODEOWNERS_ENTRIES = 2_000;
/** Where GitHub looks for CODEOWNERS on the default branch, in its order: the first found is used. */
export const CODEOWNERS_FILES = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] as const;

export interface Codeowners {
  /** Last line first (codeowners-utils' order): the first match wins. */
  entries: CodeOwnersEntry[];
  /**
   * Per entry, the lower-cased literal start a path must have to match it ("" when any path may):
   * an anchored pattern (`/src/pool/`, `docs/**`) matches only paths under its literal part, so the
   * library is asked only about those (it compiles a pattern on every call: 10-30 µs each).
   */
  prefixes: string[];
  /** Entries left out: over MAX_CODEOWNERS_ENTRIES, or a pattern over the glob bounds. */
  skipped: number;
}

/** The entries of a CODEOWNERS text, or null when it is over GitHub's size limit (GitHub ignores it). */
export function parseCodeowners(text: string): Codeowners | null {
  if (Buffer.byteLength(text) > MAX_CODEOWNERS_BYTES) return null;
  // The library splits on `#` for comments; negations (`!`) are not CODEOWNERS syntax: left out.
  const all = parse(text.replace(/\r\n?/g, "\n"));
  const usable = all.filter(
    (entry) => !entry.pattern.startsWith("!") && globIssue(entry.pattern) === undefined,
  );
  // `all` is reversed: the file's first entries are at the end.
  const kept = usable.slice(Math.max(0, usable.length - MAX_CODEOWNERS_ENTRIES));
  return {
    entries: kept,
    prefixes: kept.map((entry) => literalPrefix(entry.pattern)),
    skipped: all.length - kept.length,
  };
}

/**
 * The literal start of an anchored pattern, lower-cased (the library matches case-insensitively):
 * gitignore anchors a pattern with a slash at its start or in its middle. "" for an unanchored one
 * (`*.js`, `apps/`) or one that starts with a wildcard.
 */
function literalPrefix(pattern: string): string {
  const body = pattern.replace(/\/+$/, "");
  if (!body.includes("/")) return "";
  const literal = /^[^*?[\\]*/.exec(body.replace(/^\//, ""))![0];
  return literal.toLowerCase();
}

/**
 * The owners CODEOWNERS gives a repository path (logins and org/teams without `@`, emails as
 * written), [] when the last matching line names none, null when no line matches.
 */
export function codeownersOf(codeowners: Codeowners, path: string): string[] | null {
  const relative = path.replace(/^\.?\/+/, "");
  if (relative === "" || relative.length > MAX_MATCHED_PATH_LENGTH) return null;
  const lower = relative.toLowerCase();
  for (const [i, entry] of codeowners.entries.entries()) {
    if (!lower.startsWith(codeowners.prefixes[i]!)) continue;
    let matched: boolean;
    try {
      matched = matchPattern(relative, entry.pattern);
    } catch {
      return null; // a path the library refuses (`..`): it is not in the repository
    }
    if (matched) return entry.owners.map((owner) => owner.replace(/^@/, ""));
  }
  return null;
}

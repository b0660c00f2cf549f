/**
 * The bounds on the `paths` globs of a config. picomatch compiles a glob to a regular expression
 * that JavaScript runs with backtracking, so a glob's cost on a path that does not match grows
 * like (path length) ^ (number of wildcards): `postmortems/*a*a*a*a*a*a*a*a*a*a*b.md` against a
 * file named with 44 `a`s stalled the server for minutes. The config schema refuses a glob over
 * these bounds (a positioned problem, so check, lint, merge and sweep all refuse the same globs),
 * and the one compile function (src/domain/postmortem/paths.ts) refuses it again before picomatch sees
 * it. The numbers:
 *
 * - MAX_GLOB_LENGTH: picomatch's own `maxLength` option (default 65,536, the length of the glob
 *   it parses) lowered to 256, and passed to picomatch as well. A real glob is under 40
 *   characters (`docs/postmortems/**\/*.md`).
 * - MAX_GLOB_WILDCARDS: 3. Counted: each `*` or `**`, each `?`, each `[...]`, and each
 *   alternative after the first of a `{...}` (`{md,yml}` counts 1, a range `{1..9}` counts 1).
 *   Real globs need at most 3 (`postmortems/**`: 1, `docs/postmortems/**\/*.md`: 2,
 *   `postmortems/**\/*.{md,yml}`: 3, `!postmortems/_TEMPLATE.md`: 0). Measured on paths of 255
 *   characters: 3 stars take about 1 ms per path, 4 stars 75 ms, and every further star
 *   multiplies by the path length.
 * - MAX_SEGMENT_STARS: 2 stars within one path segment (between slashes; a `**` that is a whole
 *   segment does not count). A star cannot cross a `/`, so the backtracking multiplies within a
 *   segment: 3 stars in one (`postmortems/*a*a*b.md`) take 2 ms on a 240-character name, 2 stars
 *   0.02 ms, and `postmortems/**\/*a*b.md` 0.015 ms. Real globs have at most 1 (`*.md`).
 * - Extglobs (`@(...)`, `!(...)`, `+(...)`, `*(...)`, `?(...)`) are refused, and compiled off
 *   (picomatch's `noextglob`): a quantified group around a star (`+(*a)b`) is exponential whatever
 *   the count (17 s on a 30-character name), and picomatch's `maxExtglobRecursion` only turns some
 *   such groups into literal text, silently. `{a,b}` says what `@(a|b)` says.
 * - MAX_MATCHED_PATH_LENGTH: 256. A longer path is never a postmortem and is not matched at all
 *   (a pull request chooses its file names; Git allows 4,096 characters). This is the path length
 *   the per-path figures above were measured at; a postmortem's path is under 100 characters.
 * - MAX_GLOBS: at most 20 globs in `paths` (each path is tried against each glob).
 *
 * A leading `!` (a negated glob, `!postmortems/_TEMPLATE.md`) is not a wildcard: it excludes.
 */
import type { ProblemDetail } from "../../text/catalog/index.js";

export const MAX_GLOB_LENGTH = 256;
export const MAX_GLOB_WILDCARDS = 3;
export const MAX_SEGMENT_STARS = 2;
export const MAX_GLOBS = 20;
export const MAX_MATCHED_PATH_LENGTH = 256;

export type GlobIssue =
  | { kind: "too-long"; length: number; max: number }
  | { kind: "too-many-wildcards"; count: number; max: number }
  | { kind: "too-many-stars"; count: number; max: number }
  | { kind: "extglob"; text: string };

/** Why a glob is refused, or undefined when it is within the bounds. Linear in the glob's length. */
export function globIssue(glob: string): GlobIssue | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return { kind: "too-long", length: glob.length, max: MAX_GLOB_LENGTH };
  const scanned = scanGlob(glob);
  if (scanned.extglob !== undefined) return { kind: "extglob", text: scanned.extglob };
  if (scanned.wildcards > MAX_GLOB_WILDCARDS)
    return { kind: "too-many-wildcards", count: scanned.wildcards, max: MAX_GLOB_WILDCARDS };
  if (scanned.segmentStars > MAX_SEGMENT_STARS)
    return { kind: "too-many-stars", count: scanned.segmentStars, max: MAX_SEGMENT_STARS };
  return undefined;
}

/** The problem of a refused glob, in the catalog's terms (the config schema attaches it to its issue). */
export function globDetail(issue: GlobIssue): ProblemDetail {
  switch (issue.kind) {
    case "too-many-wildcards":
      return { code: "glob-too-many-wildcards", params: { count: issue.count, max: issue.max } };
    case "too-many-stars":
      return { code: "glob-too-many-stars", params: { count: issue.count, max: issue.max } };
    case "extglob":
      return { code: "glob-extglob", params: { text: issue.text } };
    case "too-long":
      return { code: "too-long", params: { max: issue.max } };
  }
}

/**
 * The number of wildcards of a glob (see above), the most stars in one of its path segments, and
 * its first extglob if it has one.
 */
export function scanGlob(glob: string): { wildcards: number; segmentStars: number; extglob?: string } {
  let wildcards = 0;
  let segmentStars = 0;
  let stars = 0; // in the current segment
  // The alternatives of each open `{` (a stack: braces nest), and whether it is a range.
  const braces: { commas: number; range: boolean; start: number }[] = [];
  // A leading `!` negates the glob (picomatch: any number of them).
  let i = 0;
  while (glob[i] === "!" && glob[i + 1] !== "(") i++;
  for (; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "\\") {
      i++; // an escaped character is literal
      continue;
    }
    if ("@!+*?".includes(c) && glob[i + 1] === "(") {
      const end = glob.indexOf(")", i);
      return { wildcards, segmentStars, extglob: glob.slice(i, end === -1 ? glob.length : end + 1) };
    }
    if (c === "/") {
      stars = 0;
      continue;
    }
    if (c === "*") {
      const start = i;
      wildcards++;
      while (glob[i + 1] === "*") i++;
      // `**` alone between slashes is a globstar; anywhere else a star of this segment.
      const globstar =
        i > start &&
        (start === 0 || glob[start - 1] === "/") &&
        (i + 1 === glob.length || glob[i + 1] === "/");
      if (!globstar) segmentStars = Math.max(segmentStars, ++stars);
      continue;
    }
    if (c === "?") {
      wildcards++;
      continue;
    }
    if (c === "[") {
      // A class ends at the next `]` that is not its first character (`[]a]`, `[!]a]`).
      let j = i + 1;
      if (glob[j] === "!" || glob[j] === "^") j++;
      if (glob[j] === "]") j++;
      while (j < glob.length && glob[j] !== "]") j += glob[j] === "\\" ? 2 : 1;
      if (j < glob.length) {
        wildcards++;
        i = j;
      }
      continue;
    }
    if (c === "{") {
      braces.push({ commas: 0, range: false, start: i });
      continue;
    }
    const open = braces[braces.length - 1];
    if (!open) continue;
    if (c === ",") open.commas++;
    else if (c === "." && glob[i + 1] === ".") open.range = true;
    else if (c === "}") {
      braces.pop();
      wildcards += open.commas > 0 ? open.commas : open.range ? 1 : 0;
    }
  }
  // An unclosed `{` is literal text to picomatch; its commas are counted anyway (never fewer).
  for (const open of braces) wildcards += open.commas;
  return { wildcards, segmentStars };
}

/** Split negated globs (`!x`) from the others: a path matches when it matches one of `include` and none of `exclude`. */
export function splitNegated(globs: readonly string[]): { include: string[]; exclude: string[] } {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const glob of globs) {
    let bangs = 0;
    while (glob[bangs] === "!" && glob[bangs + 1] !== "(") bangs++;
    const rest = glob.slice(bangs);
    (bangs % 2 === 1 ? exclude : include).push(rest);
  }
  return { include, exclude };
}

/** Which directories a sweep lists: glob maths, apart from the probes' mapping. */

/**
 * The directories a set of globs can match in (`postmortems/**` -> `postmortems`), or null when a
 * glob can match at the root or starts with a pattern: the whole tree is needed then.
 */
export function globDirectories(globs: readonly string[]): string[] | null {
  const out = new Set<string>();
  for (const glob of globs) {
    const parts = glob.replace(/^\.\//, "").split("/");
    const fixed: string[] = [];
    for (const part of parts.slice(0, -1)) {
      if (/[*?[\]{}!()@+]/.test(part)) break;
      fixed.push(part);
    }
    if (fixed.length === 0) return null;
    out.add(fixed.join("/"));
  }
  // A directory inside another is listed by the outer one.
  const sorted = [...out].sort();
  return sorted.filter((dir) => !sorted.some((other) => other !== dir && dir.startsWith(`${other}/`)));
}

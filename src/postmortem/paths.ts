import picomatch from "picomatch";

/**
 * Which repository paths are postmortems: a path under the configured globs with a Markdown or
 * YAML extension. The app (changed files of a push) and the CLI (files on disk) share this
 * predicate, so `postmortem-followups lint` checks exactly the files the app would read.
 */
export const POSTMORTEM_EXTENSIONS = ["md", "markdown", "yml", "yaml"] as const;

const hasPostmortemExtension = picomatch(`**/*.{${POSTMORTEM_EXTENSIONS.join(",")}}`, {
  nocase: true,
  dot: true,
});

/** A file name with a Markdown or YAML extension (wherever it is). */
export function isPostmortemFileName(path: string): boolean {
  return hasPostmortemExtension(toPosix(path));
}

/** A matcher for repository-relative paths (forward slashes) under the configured globs. */
export function postmortemPathMatcher(globs: readonly string[]): (path: string) => boolean {
  const underGlobs = picomatch([...globs], { dot: false });
  return (path) => {
    const posix = toPosix(path).replace(/^\.\//, "");
    return underGlobs(posix) && hasPostmortemExtension(posix);
  };
}

export function toPosix(path: string): string {
  return path.replace(/\\/g, "/");
}

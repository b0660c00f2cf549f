/** The repository data the gateway and the probes exchange (below both, so neither imports the other for it). */

export type FileStatus = "added" | "modified" | "removed" | "renamed";

/** A file a merge or push changed. */
export interface ChangedFile {
  path: string;
  status: FileStatus;
  /** For renames: the old path. */
  previousPath?: string;
}

export type RepoFile =
  | { kind: "file"; path: string; sha: string; size: number; content: Uint8Array }
  /** Larger than the caller's limit: the content was not downloaded. */
  | { kind: "too-large"; path: string; sha: string; size: number };

export interface RepoLabel {
  name: string;
  color: string;
  description: string | null;
}

import { createHash } from "node:crypto";
import { readMarker, renderMarker } from "../markers/marker.js";
import type { Lookup, LookupResult } from "../validation/resolve.js";
import { lookupKey } from "../validation/resolve.js";
import { type Annotation, annotationDigest } from "./annotations.js";
import { type CheckOutput, fitSummary, SUMMARY_MAX } from "./output.js";

/**
 * What a check run decided, recorded on the run itself (a hidden, versioned marker at the end of
 * its summary: `<!-- postmortem-followups:check v1 {...} -->`), so that the next event on the same
 * head commit (a redelivery, a re-requested check) can tell whether anything changed without
 * reading the files again:
 *
 * - `input`: a digest of everything the output depends on besides the evidence: the pull request,
 *   the changed files chosen, the base configuration as loaded, the head config's blob (the head
 *   commit fixes the files' contents and the proposed config), and this format;
 * - `lookups`: the evidence lookups the run made, and `results` a digest of their answers (a
 *   re-run asks them again: that is why people re-run);
 * - `conclusion` and `annotations` (digests): what the run shows, to check the run still shows it
 *   and to append to it without listing its annotations.
 *
 * Only a run authored by this app (its slug) is ever read, so only the app can have written this.
 */

/** Bump when the output for the same input changes (new rules, new texts): old records then never match. */
export const RECORD_FORMAT = 1;
/** A record over this many characters drops its lookups (the next run then checks everything). */
const MAX_RECORD_CHARS = 16_000;

export interface CheckRecord {
  format: number;
  input: string;
  /** Null when there were too many to record. */
  lookups: CompactLookup[] | null;
  results: string;
  conclusion: string;
  annotations: string[];
  /**
   * The run routed follow-ups to other repositories (issue 17): what it showed depends on where the
   * app is installed, which the record cannot tell, so such a run is checked again, never reused.
   */
  routed?: true;
}

/** A lookup in few characters; content at the head commit drops the ref. */
export type CompactLookup =
  | ["c", string, string]
  | ["i", number]
  | ["w", string]
  | ["r", number]
  | ["k", string];

export function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 24);
}

export function compactLookup(lookup: Lookup, headSha: string): CompactLookup {
  switch (lookup.kind) {
    case "content":
      return ["c", lookup.ref === headSha ? "" : lookup.ref, lookup.path];
    case "issue":
      return ["i", lookup.number];
    case "workflow":
      return ["w", lookup.file];
    case "run":
      return ["r", lookup.id];
    case "commit":
      return ["k", lookup.sha];
  }
}

export function expandLookup(compact: unknown, headSha: string): Lookup | null {
  if (!Array.isArray(compact)) return null;
  const [kind, a, b] = compact as unknown[];
  if (kind === "c" && typeof a === "string" && typeof b === "string")
    return { kind: "content", ref: a || headSha, path: b };
  if (kind === "i" && Number.isSafeInteger(a)) return { kind: "issue", number: a as number };
  if (kind === "w" && typeof a === "string") return { kind: "workflow", file: a };
  if (kind === "r" && Number.isSafeInteger(a)) return { kind: "run", id: a as number };
  if (kind === "k" && typeof a === "string") return { kind: "commit", sha: a };
  return null;
}

/** A digest of the answers to `lookups`, in their order. */
export function resultsDigest(
  lookups: readonly Lookup[],
  results: ReadonlyMap<string, LookupResult>,
): string {
  return digest(lookups.map((l) => [lookupKey(l), results.get(lookupKey(l)) ?? null]));
}

export function makeRecord(input: {
  inputDigest: string;
  headSha: string;
  lookups: readonly Lookup[];
  results: ReadonlyMap<string, LookupResult>;
  conclusion: string;
  annotations: readonly Annotation[];
  routed?: boolean;
}): CheckRecord {
  const record: CheckRecord = {
    format: RECORD_FORMAT,
    input: input.inputDigest,
    lookups: input.lookups.map((l) => compactLookup(l, input.headSha)),
    results: resultsDigest(input.lookups, input.results),
    conclusion: input.conclusion,
    annotations: input.annotations.map(annotationDigest),
    ...(input.routed ? { routed: true as const } : {}),
  };
  if (JSON.stringify(record).length > MAX_RECORD_CHARS) record.lookups = null;
  return record;
}

/** The output with its record at the end of the summary (the summary cut to leave room for it). */
export function withRecord(output: CheckOutput, record: CheckRecord, truncatedNote: string): CheckOutput {
  const marker = renderMarker("check", record);
  const summary = fitSummary(output.summary, truncatedNote, SUMMARY_MAX - marker.length - 2);
  return { ...output, summary: `${summary}\n\n${marker}` };
}

/** The record on a run's summary, when it is one this version of the app wrote. */
export function readRecord(summary: string | null | undefined): CheckRecord | null {
  const data = readMarker<Partial<CheckRecord>>("check", summary);
  if (!data || data.format !== RECORD_FORMAT) return null;
  if (typeof data.input !== "string" || typeof data.results !== "string") return null;
  if (typeof data.conclusion !== "string" || !Array.isArray(data.annotations)) return null;
  if (!data.annotations.every((a) => typeof a === "string")) return null;
  if (data.lookups !== null && !Array.isArray(data.lookups)) return null;
  return {
    format: data.format,
    input: data.input,
    lookups: data.lookups ?? null,
    results: data.results,
    conclusion: data.conclusion,
    annotations: data.annotations,
    ...(data.routed === true ? { routed: true as const } : {}),
  };
}

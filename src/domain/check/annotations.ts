import { createHash } from "node:crypto";
import { t } from "../../text/catalog/index.js";
import type { Language } from "../config/schema.js";
import type { Problem, Severity } from "../diagnostics/problem.js";

/** GitHub accepts at most 50 annotations per create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/**
 * At most this many annotations per check run: one request carries them all. A hostile push with
 * 10,000 problems gets the 50 most severe, and the summary says how many more there are.
 * (A second name on purpose: the per-run cap is a choice, the per-request one GitHub's limit.)
 * @alias
 */
export const MAX_ANNOTATIONS = ANNOTATIONS_PER_REQUEST;
/** GitHub's limits on an annotation's text fields (we stay well below the 64 KB ones). */
const MESSAGE_MAX = 4000;
const TITLE_MAX = 255;

export type AnnotationLevel = "failure" | "warning" | "notice";

/** The shape of `output.annotations[]` in the Checks API. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: AnnotationLevel;
  message: string;
  title?: string;
}

export const LEVEL_OF: Record<Severity, AnnotationLevel> = {
  error: "failure",
  warning: "warning",
  notice: "notice",
};

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A problem at its exact position. Columns are only allowed when the annotation spans one line
 * (GitHub rejects start/end columns on multi-line annotations).
 */
export function toAnnotation(problem: Problem, language: Language = "en"): Annotation {
  const start = Math.max(1, Math.floor(problem.line) || 1);
  const end = Math.max(start, Math.floor(problem.endLine ?? start) || start);
  const annotation: Annotation = {
    path: problem.file,
    start_line: start,
    end_line: end,
    annotation_level: LEVEL_OF[problem.severity],
    message: clip(problem.path ? `${problem.path}: ${problem.message}` : problem.message, MESSAGE_MAX),
    title: clip(t(language, `check.annotation.${problem.severity}`), TITLE_MAX),
  };
  if (start === end && problem.column >= 1) {
    annotation.start_column = Math.floor(problem.column);
    const endColumn =
      problem.endLine === undefined || problem.endLine === start ? problem.endColumn : undefined;
    annotation.end_column = Math.max(annotation.start_column, Math.floor(endColumn ?? problem.column));
  }
  return annotation;
}

const RANK: Record<AnnotationLevel, number> = { failure: 0, warning: 1, notice: 2 };

/** Errors first, then warnings, then notices; by file and position inside each level. */
export function compareAnnotations(a: Annotation, b: Annotation): number {
  return (
    RANK[a.annotation_level] - RANK[b.annotation_level] ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.start_line - b.start_line ||
    (a.start_column ?? 0) - (b.start_column ?? 0)
  );
}

export function sortAnnotations(annotations: readonly Annotation[]): Annotation[] {
  return [...annotations].sort(compareAnnotations);
}

/**
 * The `limit` most severe annotations, in order, in one pass with a bounded heap: about
 * n x 2 log2(limit) comparisons for n annotations (linear in n; a full sort is not needed to keep
 * 50 of 10,000). Ties keep their input order. `compare` is injectable so tests can count.
 */
export function topAnnotations(
  annotations: readonly Annotation[],
  limit = MAX_ANNOTATIONS,
  compare: (a: Annotation, b: Annotation) => number = compareAnnotations,
): Annotation[] {
  if (limit <= 0) return [];
  // A max-heap of [annotation, input index]: the root is the least severe kept so far.
  const heap: [Annotation, number][] = [];
  const worse = (x: [Annotation, number], y: [Annotation, number]) => {
    const c = compare(x[0], y[0]);
    return c > 0 || (c === 0 && x[1] > y[1]);
  };
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && worse(heap[l]!, heap[top]!)) top = l;
      if (r < heap.length && worse(heap[r]!, heap[top]!)) top = r;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top]!, heap[i]!];
      i = top;
    }
  };
  annotations.forEach((a, index) => {
    const entry: [Annotation, number] = [a, index];
    if (heap.length < limit) {
      heap.push(entry);
      up(heap.length - 1);
    } else if (worse(heap[0]!, entry)) {
      heap[0] = entry;
      down(0);
    }
  });
  return heap.sort((x, y) => compare(x[0], y[0]) || x[1] - y[1]).map(([a]) => a);
}

/** Split annotations into the batches of successive requests (never an empty batch list). */
export function batchAnnotations<T>(annotations: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer`);
  const batches: T[][] = [];
  for (let i = 0; i < annotations.length; i += size) batches.push(annotations.slice(i, i + size));
  return batches.length > 0 ? batches : [[]];
}

/** Identity of an annotation, to tell which ones an existing check run already carries. */
export function annotationKey(a: Annotation): string {
  return JSON.stringify([
    a.path,
    a.start_line,
    a.end_line,
    a.start_column ?? null,
    a.end_column ?? null,
    a.annotation_level,
    a.message,
  ]);
}

/** A short digest of an annotation's identity (recorded on the run, to diff without listing). */
export function annotationDigest(a: Annotation): string {
  return createHash("sha256").update(annotationKey(a)).digest("hex").slice(0, 12);
}

/**
 * Annotations are append-only on a check run. Given the annotations a run already has and the
 * ones it should have: `append` what is missing, and `stale` says whether the run shows
 * annotations that no longer apply (then it cannot be reused: a fresh run replaces it).
 */
export function diffAnnotations(
  existing: readonly Annotation[],
  wanted: readonly Annotation[],
): { append: Annotation[]; stale: boolean } {
  const have = new Map<string, number>();
  for (const a of existing) have.set(annotationKey(a), (have.get(annotationKey(a)) ?? 0) + 1);
  const want = new Map<string, number>();
  const append: Annotation[] = [];
  for (const a of wanted) {
    const key = annotationKey(a);
    const n = (want.get(key) ?? 0) + 1;
    want.set(key, n);
    if (n > (have.get(key) ?? 0)) append.push(a);
  }
  let stale = false;
  for (const [key, n] of have) if (n > (want.get(key) ?? 0)) stale = true;
  return { append, stale };
}

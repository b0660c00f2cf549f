import type { OrgReportParts } from "./org-fold.js";

/**
 * `report --org --format json`, written as it is read: the same text as
 * `JSON.stringify(report, null, 2)` of the whole `OrgReport`, but its three long lists (the
 * repositories, the follow-ups, the "not doing" entries) are read one element at a time.
 */

/** An array whose elements are read when it is written. */
class Streamed {
  constructor(readonly items: () => Iterable<unknown>) {}
}

function hasStreamed(value: unknown): boolean {
  if (value instanceof Streamed) return true;
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  return Object.values(value).some(hasStreamed);
}

/** `JSON.stringify(value, null, 2)` at a depth whose lines start with `indent`, in chunks. */
function* json(value: unknown, indent: string): Generator<string> {
  if (value instanceof Streamed) {
    let first = true;
    for (const item of value.items()) {
      yield `${first ? "[" : ","}\n${indent}  `;
      yield* json(item, `${indent}  `);
      first = false;
    }
    yield first ? "[]" : `\n${indent}]`;
    return;
  }
  if (hasStreamed(value)) {
    const entries = Object.entries(value as object).filter(([, v]) => v !== undefined);
    for (const [i, [key, v]] of entries.entries()) {
      yield `${i === 0 ? "{" : ","}\n${indent}  ${JSON.stringify(key)}: `;
      yield* json(v, `${indent}  `);
    }
    yield `\n${indent}}`;
    return;
  }
  yield JSON.stringify(value, null, 2).replaceAll("\n", `\n${indent}`);
}

/** The JSON report (`OrgReport`), in chunks. */
export function* orgJsonChunks(report: OrgReportParts): Generator<string> {
  const document = {
    account: report.account,
    installation: report.installation,
    date: report.date,
    language: report.language,
    totals: report.totals,
    bySeverity: report.bySeverity,
    figures: { ...report.figures, notDoing: new Streamed(() => report.notDoing()) },
    burndown: report.burndown,
    repositories: new Streamed(() => report.repositories()),
    owners: report.owners,
    ownersOmitted:
      report.ownersOmitted > 0 ? { limit: report.limits.owners, followups: report.ownersOmitted } : undefined,
    followups: new Streamed(() => report.followups()),
  };
  yield* json(document, "");
  yield "\n";
}

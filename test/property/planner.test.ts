import fc from "fast-check";
import "./seed.js";
import { expect, it } from "vitest";
import type { ActualFollowup, DesiredFollowup } from "../../src/domain/followups/model.js";
import { composeIssueBody, planReconcile } from "../../src/domain/followups/plan.js";
import type { FollowupMarker } from "../../src/domain/markers/marker.js";
import { recordFigures } from "../reliability/figures.js";

/**
 * The planner on random desired and actual states: never more than one create per key, never a
 * create for a key that already has an issue (open or closed), closes only issues in scope (or
 * duplicates of a desired key), never touches an issue twice, and plans every desired key once.
 */

const PATHS = ["postmortems/a.md", "postmortems/b.md", "postmortems/c.yml"];
const IDS = ["x", "y", "z", "w"];
const MANAGED = new Set(["postmortem-followup", "term: short-term", "term: long-term", "category: system"]);

function desired(path: string, id: string, title: string, owner: string | null): DesiredFollowup {
  const marker: FollowupMarker = { path, id, pr: 1, due: "2026-04-01", title, owner };
  return {
    key: `${path}#${id}`,
    path,
    id,
    term: "short_term",
    category: "system",
    title,
    owner,
    assignees: owner ? [owner] : [],
    due: "2026-04-01",
    priority: null,
    labels: ["postmortem-followup", "term: short-term", "category: system"],
    managedBody: `body of ${id}: ${title}`,
    evidenceBody: "no evidence",
    pr: 1,
    milestone: null,
    marker,
  };
}

const desiredArb = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...PATHS), fc.constantFrom(...IDS)), {
    selector: ([p, i]) => `${p}#${i}`,
    maxLength: 8,
  })
  .chain((keys) =>
    fc.tuple(
      fc.constant(keys),
      fc.array(fc.string({ maxLength: 12 }), { minLength: keys.length, maxLength: keys.length }),
      fc.array(fc.option(fc.constantFrom("alice", "bob"), { nil: null }), {
        minLength: keys.length,
        maxLength: keys.length,
      }),
    ),
  )
  .map(([keys, titles, owners]) => keys.map(([p, i], n) => desired(p, i, titles[n]!, owners[n]!)));

const actualArb = fc.array(
  fc.record({
    path: fc.constantFrom(...PATHS, "postmortems/other.md"),
    id: fc.constantFrom(...IDS, "gone"),
    state: fc.constantFrom("open" as const, "closed" as const),
    removed: fc.boolean(),
    title: fc.string({ maxLength: 12 }),
    labels: fc.subarray(["postmortem-followup", "term: long-term", "bug", "category: system"]),
  }),
  { maxLength: 10 },
);

let cases = 0;

it("planReconcile: one create per key at most, none for a key with an issue, closes only in scope", () => {
  fc.assert(
    fc.property(desiredArb, actualArb, fc.subarray(PATHS), (wanted, rawActual, extraScope) => {
      cases++;
      const actual: ActualFollowup[] = rawActual.map((a, n) => {
        const d = desired(a.path, a.id, a.title, null);
        const marker = { ...d.marker, ...(a.removed ? { removed: true } : {}) };
        return {
          number: 100 + n,
          title: a.title,
          body: composeIssueBody({ ...d, marker }),
          state: a.state,
          stateReason: a.state === "closed" ? "completed" : null,
          labels: a.labels,
          assignees: [],
          milestone: null,
          author: "my-app[bot]",
          createdAt: "2026-03-01T00:00:00Z",
          closedAt: null,
          marker,
        };
      });
      // The reconciled files: those of the desired follow-ups, plus some others (removed items).
      const scope = new Set([...wanted.map((d) => d.path), ...extraScope]);
      const actions = planReconcile({ desired: wanted, actual, scope, managedLabels: MANAGED });

      const existing = new Set(actual.map((a) => `${a.marker.path}#${a.marker.id}`));
      const creates = actions.filter((a) => a.type === "create").map((a) => a.key);
      expect(new Set(creates).size).toBe(creates.length);
      for (const key of creates) expect(existing.has(key)).toBe(false);

      const byNumber = new Map(actual.map((a) => [a.number, a]));
      const wantedKeys = new Set(wanted.map((d) => d.key));
      const touched: number[] = [];
      for (const action of actions) {
        if (action.type === "create") continue;
        const issue = byNumber.get(action.number);
        expect(issue).toBeDefined();
        touched.push(action.number);
        if (action.type === "close") {
          expect(issue!.state).toBe("open");
          const inScope = scope.has(issue!.marker.path);
          const duplicate = action.reason === "duplicate" && wantedKeys.has(action.key);
          expect(inScope || duplicate).toBe(true);
        }
      }
      expect(new Set(touched).size).toBe(touched.length); // no issue gets two actions
      // Every desired key: exactly one of create / update / unchanged.
      for (const d of wanted) {
        const own = actions.filter((a) => a.key === d.key && a.type !== "close");
        expect(own).toHaveLength(1);
      }
      // Issues of files outside the scope are never touched.
      for (const n of touched) {
        const issue = byNumber.get(n)!;
        if (!scope.has(issue.marker.path))
          expect(wantedKeys.has(`${issue.marker.path}#${issue.marker.id}`)).toBe(true);
      }
    }),
    { numRuns: 400 },
  );
  recordFigures("property: planner (random desired/actual/scope)", { cases, violations: 0 });
});

it("planning the state that applying the plan would produce changes nothing (idempotent)", () => {
  fc.assert(
    fc.property(desiredArb, (wanted) => {
      const created: ActualFollowup[] = wanted.map((d, n) => ({
        number: n + 1,
        title: d.title,
        body: composeIssueBody(d),
        state: "open",
        stateReason: null,
        labels: d.labels,
        assignees: d.assignees,
        milestone: null,
        author: "my-app[bot]",
        createdAt: "2026-03-01T00:00:00Z",
        closedAt: null,
        marker: d.marker,
      }));
      const scope = new Set(wanted.map((d) => d.path));
      const again = planReconcile({ desired: wanted, actual: created, scope, managedLabels: MANAGED });
      expect(again.every((a) => a.type === "unchanged")).toBe(true);
    }),
    { numRuns: 200 },
  );
});

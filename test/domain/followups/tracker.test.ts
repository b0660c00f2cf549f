import { describe, expect, it } from "vitest";
import {
  findTracker,
  planTracker,
  type TrackerCandidate,
  type TrackerFollowup,
  trackerUpdate,
} from "../../../src/domain/followups/tracker.js";
import { readTrackerMarker, renderTrackerMarker } from "../../../src/domain/markers/tracker.js";

const PATH = "postmortems/a.md";

function candidate(
  number: number,
  marker: { path: string; linked?: number[]; mode?: "sub-issues" | "task-list" } | null,
  extra: Partial<TrackerCandidate> = {},
): TrackerCandidate {
  const body = marker
    ? `${renderTrackerMarker({ linked: [], mode: "sub-issues", ...marker })}\nsummary`
    : "no marker";
  return { number, title: "Follow-ups: A", body, state: "open", trusted: true, ...extra };
}

const f = (number: number, finished = false, databaseId: number | null = 1000 + number): TrackerFollowup => ({
  number,
  databaseId,
  finished,
});

describe("readTrackerMarker", () => {
  it.each([
    [
      "first line",
      `${renderTrackerMarker({ path: PATH, linked: [3, 4], mode: "task-list" })}\nx`,
      { path: PATH, linked: [3, 4], mode: "task-list" },
    ],
    [
      "not on the first line",
      `hello\n${renderTrackerMarker({ path: PATH, linked: [], mode: "sub-issues" })}`,
      null,
    ],
    ["another kind", '<!-- postmortem-followups:followup v1 {"path":"a.md","id":"x"} -->', null],
    ["another version", '<!-- postmortem-followups:tracker v2 {"path":"a.md"} -->', null],
    [
      "bad numbers are dropped",
      '<!-- postmortem-followups:tracker v1 {"path":"a.md","linked":[1,-2,"3",4.5,5]} -->',
      { path: "a.md", linked: [1, 5], mode: "sub-issues" },
    ],
    ["no path", '<!-- postmortem-followups:tracker v1 {"linked":[1]} -->', null],
  ])("%s", (_name, body, expected) => {
    expect(readTrackerMarker(body)).toEqual(expected);
  });
});

describe("findTracker", () => {
  it.each([
    ["none", [candidate(1, null)], undefined, { tracker: null, duplicates: [] }],
    [
      "by marker path, not title",
      [candidate(5, { path: "other.md" }), candidate(6, { path: PATH })],
      undefined,
      { tracker: 6, duplicates: [] },
    ],
    [
      "a forged (untrusted) marker counts for nothing",
      [candidate(2, { path: PATH }, { trusted: false })],
      undefined,
      { tracker: null, duplicates: [] },
    ],
    [
      "the oldest wins; open newer ones are duplicates",
      [
        candidate(9, { path: PATH }),
        candidate(4, { path: PATH }),
        candidate(7, { path: PATH }, { state: "closed" }),
      ],
      undefined,
      { tracker: 4, duplicates: [9] },
    ],
    [
      "a renamed postmortem keeps its tracker",
      [candidate(3, { path: "old.md" })],
      "old.md",
      { tracker: 3, duplicates: [] },
    ],
    [
      "the new path's own tracker beats the old path's",
      [candidate(3, { path: "old.md" }), candidate(8, { path: PATH })],
      "old.md",
      { tracker: 8, duplicates: [] },
    ],
  ])("%s", (_name, candidates, previous, expected) => {
    const found = findTracker(candidates, PATH, previous);
    expect({ tracker: found.tracker?.number ?? null, duplicates: found.duplicates }).toEqual(expected);
  });
});

describe("planTracker", () => {
  const existing = (linked: number[]) => findTracker([candidate(1, { path: PATH, linked })], PATH);
  const none = { tracker: null, duplicates: [] };
  it.each([
    ["nothing to track: no tracker", [], none, { create: false, link: [], state: "open" }],
    ["a new postmortem: create, link all", [f(2), f(3)], none, { create: true, link: [2, 3], state: "open" }],
    [
      "everything linked and open: nothing",
      [f(2), f(3)],
      existing([2, 3]),
      { create: false, link: [], state: "open" },
    ],
    [
      "a new follow-up: link only it",
      [f(2), f(3), f(4)],
      existing([2, 3]),
      { create: false, link: [4], state: "open" },
    ],
    [
      "all finished: closed",
      [f(2, true), f(3, true)],
      existing([2, 3]),
      { create: false, link: [], state: "closed" },
    ],
    [
      "one unfinished: open",
      [f(2, true), f(3, false)],
      existing([2, 3]),
      { create: false, link: [], state: "open" },
    ],
  ])("%s", (_name, followups, found, expected) => {
    const plan = planTracker(followups, found);
    expect({ create: plan.create, link: plan.link.map((x) => x.number), state: plan.state }).toEqual(
      expected,
    );
  });

  it("never links more than GitHub's 100 sub-issues", () => {
    const many = Array.from({ length: 105 }, (_, i) => f(i + 1));
    expect(planTracker(many, existing([1, 2, 3])).link).toHaveLength(97);
  });
});

describe("trackerUpdate", () => {
  const actual = { title: "T", body: "B", state: "open" as const };
  it.each([
    ["unchanged: no write", { title: "T", body: "B", state: "open" as const }, null],
    ["body only", { title: "T", body: "B2", state: "open" as const }, { body: "B2" }],
    [
      "close",
      { title: "T", body: "B", state: "closed" as const },
      { state: "closed", stateReason: "completed" },
    ],
    ["title and body", { title: "T2", body: "B2", state: "open" as const }, { title: "T2", body: "B2" }],
  ])("%s", (_name, wanted, expected) => {
    expect(trackerUpdate(actual, wanted)).toEqual(expected);
  });
  it("reopens a closed tracker that has work again", () => {
    expect(trackerUpdate({ ...actual, state: "closed" }, actual)).toEqual({
      state: "open",
      stateReason: "reopened",
    });
  });
});

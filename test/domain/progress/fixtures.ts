import type { RepoRef } from "../../../src/domain/followups/model.js";
import type { ProgressItem } from "../../../src/domain/progress/model.js";

export const REPO: RepoRef = {
  owner: "acme",
  repo: "pay",
  defaultBranch: "main",
  serverUrl: "https://github.com",
};

export const PATH = "postmortems/2026-03-12-payments.md";

let next = 100;

/** A follow-up item with sensible defaults: open, due in 10 days of 2026-11-25. */
export function item(overrides: Partial<ProgressItem> = {}): ProgressItem {
  const number = overrides.number ?? next++;
  const id = overrides.id ?? `item-${number}`;
  const path = overrides.path ?? PATH;
  return {
    key: `${path}#${id}`,
    path,
    id,
    number,
    url: `https://github.com/acme/pay/issues/${number}`,
    title: `Follow-up ${number}`,
    term: "short_term",
    category: "system",
    owner: "alice",
    due: "2026-12-05",
    pr: 7,
    state: "open",
    stateReason: null,
    createdAt: "2026-11-01T10:00:00Z",
    closedAt: null,
    validated: false,
    ...overrides,
  };
}

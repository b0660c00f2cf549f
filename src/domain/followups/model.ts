import type { Term } from "../../text/catalog/labels.js";
import type { FollowupMarker } from "../markers/marker.js";

/** Where the app is working: enough to build links, never a client. */
export interface RepoRef {
  owner: string;
  repo: string;
  defaultBranch: string;
  /** Web URL of the GitHub server, e.g. https://github.com or https://ghe.example.com. */
  serverUrl: string;
}

export interface PullRef {
  number: number;
  url: string;
}

export function followupKey(path: string, id: string): string {
  return `${path}#${id}`;
}

/** A follow-up as the postmortem file wants it: the desired state of one issue. */
export interface DesiredFollowup {
  key: string;
  path: string;
  id: string;
  term: Term;
  category: string;
  title: string;
  owner: string | null;
  /** Logins to assign (teams and owners with problems are left out). */
  assignees: string[];
  due: string;
  priority: string | null;
  /** Managed labels: tracking, term, category, severity. */
  labels: string[];
  /** Content of the app-managed section of the body. */
  managedBody: string;
  /** Initial content of the evidence section (only written on create). */
  evidenceBody: string;
  pr: number | null;
  milestone: string | null;
  marker: FollowupMarker;
  /** What joins an edited item to its existing issue (`identity.ts`). */
  identity?: DesiredIdentity;
  /** Set when the item gets no new issue (done, or adopting an existing issue). */
  disposition?: Disposition;
  /** `owner/name` of the repository its issue goes to, when routed away from the postmortem's (issue 17). */
  repository?: string;
}

export interface DesiredIdentity {
  /** 0-based place among the file's follow-ups, in file order. */
  position: number;
  /** Tracking references of the item (`#12`, `JIRA-7`, URLs), normalised. */
  tracking: string[];
  /** The author pinned the id (front matter, `{#id}`, an ID column): never joined by a guess. */
  pinned: boolean;
  line: number;
}

/**
 * What the Markdown reader adds to a parsed follow-up (front-matter items have none of these: their
 * ids are pinned by the author).
 */
export interface ItemIdentityHints {
  /** The id was derived from the item's text (no `{#id}`, `<!-- id: x -->` or ID cell). */
  idDerived?: boolean;
  /** 0-based place among the file's follow-ups. */
  position?: number;
  /** Tracking references found in the item. */
  tracking?: readonly string[];
  /** The item is marked done in the file (`[x]`, ✅, strikethrough, `완료`, ...). */
  done?: boolean;
  /** How the reader found the term, category and owner (e.g. "heading \"Short-term\"", "keyword \"runbook\""). */
  derivation?: Partial<Record<"term" | "category" | "owner", string>>;
}

/**
 * An item that needs no new issue: done in the file, or tracked by an existing issue of this
 * repository that its tracking link names (adopted: the app creates nothing for it and never reads
 * that issue's text; the adoption is recorded in the app's own summary comment).
 */
export type Disposition = ({ kind: "done" } | { kind: "adopt"; number: number }) & {
  /** The item names a pull request or a commit (a link to one): once done, it counts as validated. */
  proof?: true;
};

/** A follow-up issue as it is on GitHub (only issues the app authored, with a valid marker). */
export interface ActualFollowup {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  stateReason: string | null;
  labels: string[];
  assignees: string[];
  milestone: string | null;
  author: string;
  createdAt: string;
  closedAt: string | null;
  marker: FollowupMarker;
  /** `owner/name` of the repository it lives in, when not the postmortem's (a routed follow-up, issue 17). */
  repository?: string;
  /** GraphQL node id (a transfer needs it). */
  nodeId?: string;
}

export interface IssueChanges {
  title?: string;
  body?: string;
  /** The full label set to write (managed labels replaced, people's labels kept). */
  labels?: string[];
  assignees?: string[];
  milestone?: string | null;
  state?: "open";
}

export type PlannedAction =
  | {
      type: "create";
      key: string;
      desired: DesiredFollowup;
      title: string;
      body: string;
      labels: string[];
      assignees: string[];
    }
  | {
      type: "update";
      key: string;
      number: number;
      desired: DesiredFollowup;
      changes: IssueChanges;
      reasons: string[];
      /** Where the issue is (absent: the postmortem's repository). */
      repository?: string;
      /**
       * The route changed: GitHub's issue transfer moves the issue first (never close and recreate);
       * `changes` then apply to the transferred issue. `to` absent: back to the postmortem's repository.
       */
      transfer?: { to?: string };
    }
  | {
      type: "close";
      key: string;
      number: number;
      reason: "removed-item" | "removed-file" | "duplicate";
      body: string;
      duplicateOf?: number;
      path: string;
      id: string;
      repository?: string;
    }
  | { type: "unchanged"; key: string; number: number; desired: DesiredFollowup; repository?: string };

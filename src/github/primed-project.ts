import type { ProjectRef, ProjectSnapshot } from "../domain/followups/project.js";
import type { RepoGateway, TrackedIssue } from "../domain/ports.js";
import type { TrackedInProject } from "./projects.js";

/**
 * `project:` in the primed gateway (./primed-gateway.ts, issue 17): once the run names its project
 * (`watch`), a read of the tracked issues that goes to GitHub asks for each issue's item in the
 * project and the project's fields in the same query (./projects.ts), and `readProject` is
 * answered from it for the issues it covered. An issue this run updated since is read again (a
 * project's workflow may have moved its item); a project write forgets the read. A read the probe
 * already answered stays as it was: the project is then read on its own, as before. If the larger
 * query fails (a token without Projects access), the plain one is read and the project is no
 * longer folded: its own read reports what is wrong, in its one line.
 */

interface Seen {
  key: string;
  snapshot: ProjectSnapshot | null;
  /** The issues (node ids) that read covered, less those this run updated since. */
  covered: Set<string>;
  /** Issue number -> node id (an update names the number). */
  nodeIds: Map<number, string>;
}

const keyOf = (p: ProjectRef) => JSON.stringify([p.owner.toLowerCase(), p.number, p.fields]);

export class FoldedProject {
  private watched: ProjectRef | null = null;
  private seen: Seen | null = null;

  constructor(private readonly inner: RepoGateway) {}

  watch(project: ProjectRef): void {
    this.watched = project;
  }

  /** The tracked issues from GitHub: with the watched project's items when there is one. */
  async listTrackedIssues(label: string): Promise<TrackedIssue[]> {
    const project = this.watched;
    if (!project || !this.inner.listTrackedIssuesInProject) return this.inner.listTrackedIssues(label);
    let read: TrackedInProject;
    try {
      read = await this.inner.listTrackedIssuesInProject(label, project);
    } catch {
      this.watched = null;
      return this.inner.listTrackedIssues(label);
    }
    const nodeIds = new Map(read.issues.flatMap((i) => (i.nodeId ? [[i.number, i.nodeId] as const] : [])));
    this.seen = { key: keyOf(project), snapshot: read.project, covered: new Set(nodeIds.values()), nodeIds };
    return read.issues;
  }

  /** The project as the last read saw it, when that read covered every issue asked; else undefined. */
  answer(project: ProjectRef, contentIds: readonly string[]): ProjectSnapshot | null | undefined {
    const seen = this.seen;
    if (seen?.key !== keyOf(project) || !contentIds.every((id) => seen.covered.has(id))) return undefined;
    const read = seen.snapshot;
    if (!read) return null;
    const items = contentIds.flatMap((id) => {
      const item = read.items.get(id);
      return item ? [[id, item] as const] : [];
    });
    return { id: read.id, fields: [...read.fields], items: new Map(items) };
  }

  issueUpdated(number: number): void {
    const id = this.seen?.nodeIds.get(number);
    if (id) this.seen?.covered.delete(id);
  }

  projectWritten(): void {
    this.seen = null;
  }
}

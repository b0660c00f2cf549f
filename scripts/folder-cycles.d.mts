export interface FolderCycle {
  members: string[];
  via: { from: string; to: string; imports: string[] }[];
}
export function unitEdges(imports: Iterable<[string, string]>): Map<string, Map<string, string[]>>;
export function cycles(edges: Map<string, Map<string, string[]>>): string[][];
export function folderCycles(imports: Iterable<[string, string]>): FolderCycle[];
export function describeCycles(found: FolderCycle[]): string[];

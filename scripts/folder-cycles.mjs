/**
 * No cycles between folders (issue 13), checked by scripts/depcruise.mjs in `npm run lint`.
 *
 * dependency-cruiser's `no-circular` forbids cycles between files; this forbids them between folders,
 * where every folder counts, at every depth (domain/config, domain/diagnostics, runs/sweep,
 * domain/postmortem/markdown, ...). A folder is a unit seen from outside: an import from
 * `src/domain/postmortem/markdown/read.ts` to `src/domain/config/schema.ts` is an edge from the folder
 * `src/domain/postmortem` to the folder `src/domain/config` (the children of their nearest common
 * folder, `src/domain`). Inside one folder its files and its sub-folders are the units: an import from
 * `src/domain/postmortem/result.ts` to `src/domain/postmortem/markdown/types.ts` is an edge from the file
 * `result.ts` to the folder `markdown`. A cycle is a strongly connected component of two units or more:
 * two folders that import each other (through any of their files), or a folder and a file next to it.
 */

/** The unit of `file` among the children of `folder` (its sub-folder, or the file itself). */
function unitUnder(folder, file) {
  const rest = file.slice(folder.length + 1);
  const slash = rest.indexOf("/");
  return slash < 0 ? file : `${folder}/${rest.slice(0, slash)}`;
}

function commonFolder(a, b) {
  const x = a.split("/").slice(0, -1);
  const y = b.split("/").slice(0, -1);
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return x.slice(0, n).join("/");
}

/**
 * The edges between units (see above) of file-to-file imports, each with the imports that make it.
 * @param {Iterable<[string, string]>} imports  [from, to] paths, `/`-separated
 * @returns {Map<string, Map<string, string[]>>} from unit -> to unit -> ["from -> to" imports]
 */
export function unitEdges(imports) {
  const edges = new Map();
  for (const [from, to] of imports) {
    if (from === to) continue;
    const folder = commonFolder(from, to);
    const a = unitUnder(folder, from);
    const b = unitUnder(folder, to);
    if (a === b) continue;
    if (!edges.has(a)) edges.set(a, new Map());
    const out = edges.get(a);
    if (!out.has(b)) out.set(b, []);
    out.get(b).push(`${from} -> ${to}`);
  }
  return edges;
}

/** Strongly connected components of two units or more (Tarjan, iterative), each sorted, in a stable order. */
export function cycles(edges) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const found = [];
  let next = 0;
  const nodes = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])])].sort();
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work = [[root, [...(edges.get(root)?.keys() ?? [])].sort(), 0]];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, targets] = frame;
      if (frame[2] < targets.length) {
        const target = targets[frame[2]++];
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push([target, [...(edges.get(target)?.keys() ?? [])].sort(), 0]);
        } else if (onStack.has(target)) low.set(node, Math.min(low.get(node), index.get(target)));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1) found.push(component.sort());
      }
    }
  }
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}

/**
 * The folder cycles of a set of imports: each with its members and, per edge between two of them, the
 * imports that make it (to see which one to move).
 */
export function folderCycles(imports) {
  const edges = unitEdges(imports);
  return cycles(edges).map((members) => {
    const inside = new Set(members);
    const via = [];
    for (const a of members)
      for (const [b, list] of edges.get(a) ?? [])
        if (inside.has(b)) via.push({ from: a, to: b, imports: list });
    return { members, via };
  });
}

/** The lines `npm run lint` prints for the cycles (empty when there are none). */
export function describeCycles(found) {
  return found.flatMap(({ members, via }) => [
    `error no-folder-cycle: ${members.join(", ")}`,
    ...via.map(
      ({ from, to, imports }) =>
        `  ${from} -> ${to}: ${imports[0]}${imports.length > 1 ? ` (and ${imports.length - 1} more)` : ""}`,
    ),
  ]);
}

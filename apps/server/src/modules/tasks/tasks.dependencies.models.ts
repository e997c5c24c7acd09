/**
 * Task dependencies form a graph: an edge goes from a prerequisite to the task that waits for it.
 * Adding "waiting depends on prerequisite" must not close a cycle.
 */
export interface DependencyEdge {
  prerequisite: string;
  waiting: string;
}

/**
 * The cycle that the edge `prerequisite -> waiting` would close, as the list of task ids from
 * `waiting` around to `waiting` again; undefined when the edge is safe.
 */
export function cycleIfAdded(edges: readonly DependencyEdge[], edge: DependencyEdge): string[] | undefined {
  if (edge.prerequisite === edge.waiting) return [edge.waiting, edge.waiting];
  const next = new Map<string, string[]>();
  for (const { prerequisite, waiting } of edges) next.set(prerequisite, [...(next.get(prerequisite) ?? []), waiting]);
  // A cycle exists if `prerequisite` is already reachable from `waiting`.
  const queue: string[][] = [[edge.waiting]];
  const seen = new Set([edge.waiting]);
  while (queue.length > 0) {
    const path = queue.shift() ?? [];
    const last = path[path.length - 1] ?? '';
    if (last === edge.prerequisite) return [...path, edge.waiting];
    for (const following of next.get(last) ?? []) {
      if (seen.has(following)) continue;
      seen.add(following);
      queue.push([...path, following]);
    }
  }
  return undefined;
}

/** The key under which tag names are unique per user: Unicode-normalised, trimmed, case-insensitive ("Ärger" = "ärger"). */
export function tagKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('de');
}

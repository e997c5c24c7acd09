/**
 * A field is usually printed more than once (title and footer, label and table) or has competing
 * readings. Each reading is a piece of evidence with its own confidence; `decide` turns them into
 * one value and one confidence.
 */

export interface Evidence<T> {
  value: T;
  /** 0..1: how sure this one reading is on its own. */
  confidence: number;
}

export interface Found<T> {
  value: T;
  confidence: number;
}

/** Text alone never earns more: validation may add a little on top. */
export const TEXT_CONFIDENCE_CAP = 0.92;

/**
 * The most confident value wins. Independent readings of the same value raise it a little (two
 * labels agreeing are harder to get wrong); a different value nearly as confident lowers it,
 * because then the document itself is ambiguous.
 */
export function decide<T>(evidence: Evidence<T>[], key: (value: T) => string = String): Found<T> | undefined {
  const groups = new Map<string, { value: T; best: number; count: number }>();
  for (const item of evidence) {
    const id = key(item.value);
    const group = groups.get(id);
    if (!group) groups.set(id, { value: item.value, best: item.confidence, count: 1 });
    else {
      // The group speaks with the words of its most confident reading.
      if (item.confidence > group.best) group.value = item.value;
      group.best = Math.max(group.best, item.confidence);
      group.count++;
    }
  }
  const ranked = [...groups.values()]
    .map((group) => ({ value: group.value, confidence: group.best + Math.min(0.06, 0.03 * (group.count - 1)) }))
    .sort((p, q) => q.confidence - p.confidence);
  const [first, second] = ranked;
  if (!first) return undefined;
  let confidence = first.confidence;
  if (second && second.confidence >= first.confidence - 0.1) confidence -= 0.15;
  return { value: first.value, confidence: round(Math.min(TEXT_CONFIDENCE_CAP, Math.max(0.05, confidence))) };
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

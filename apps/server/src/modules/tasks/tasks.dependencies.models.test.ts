import { describe, expect, it } from 'vitest';
import { cycleIfAdded, tagKey } from './tasks.dependencies.models.ts';

const edge = (prerequisite: string, waiting: string) => ({ prerequisite, waiting });

describe('dependency cycles', () => {
  it.each([
    ['a task waiting for itself', [], edge('a', 'a'), ['a', 'a']],
    ['a direct loop', [edge('a', 'b')], edge('b', 'a'), ['a', 'b', 'a']],
    ['a longer loop', [edge('a', 'b'), edge('b', 'c')], edge('c', 'a'), ['a', 'b', 'c', 'a']],
    ['a loop through a branch', [edge('a', 'b'), edge('a', 'x'), edge('x', 'y'), edge('y', 'c')], edge('c', 'a'), ['a', 'x', 'y', 'c', 'a']],
    ['a diamond is fine', [edge('a', 'b'), edge('a', 'c'), edge('b', 'd')], edge('c', 'd'), undefined],
    ['the same edge again is fine', [edge('a', 'b')], edge('a', 'b'), undefined],
    ['unrelated tasks are fine', [edge('a', 'b')], edge('c', 'd'), undefined],
  ])('%s', (_label, edges, added, cycle) => {
    expect(cycleIfAdded(edges, added)).toEqual(cycle);
  });
});

describe('tag keys', () => {
  it.each([
    ['Ärger', 'ärger'],
    ['  Rechnung  ', 'rechnung'],
    ['Steuer   2026', 'steuer 2026'],
    ['ÄRGER', 'ärger'],
    ['Ä', 'ä'], // precomposed and decomposed forms are one key
  ])('%s -> %s', (name, key) => {
    expect(tagKey(name)).toBe(key);
    expect(tagKey(name.normalize('NFD'))).toBe(key);
  });
});

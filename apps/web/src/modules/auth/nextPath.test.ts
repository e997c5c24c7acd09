import { describe, expect, it } from 'vitest';
import { safeNextPath } from './nextPath.ts';

describe('safeNextPath', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeNextPath('/tasks')).toBe('/tasks');
    expect(safeNextPath('/documents/1?tab=review#x')).toBe('/documents/1?tab=review#x');
  });

  it('goes to the start page for anything that could leave the site or loop', () => {
    for (const next of [null, undefined, '', 'tasks', 'https://evil.example/', '//evil.example', '/\\evil.example', '/\tevil', '/login', '/login?next=/x', '/register']) {
      expect(safeNextPath(next)).toBe('/');
    }
  });
});

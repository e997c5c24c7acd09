import { describe, expect, it } from 'vitest';
import { MALLOC_SETTINGS, missingMallocSettings } from './malloc.ts';

describe('missingMallocSettings', () => {
  it('names every setting an empty glibc environment lacks', () => {
    expect(missingMallocSettings({}, true)).toEqual(Object.keys(MALLOC_SETTINGS));
    expect(missingMallocSettings({}, true)).toEqual(['MALLOC_ARENA_MAX', 'MALLOC_MMAP_THRESHOLD_']);
  });

  it('accepts any value the operator chose, but not an empty one', () => {
    expect(missingMallocSettings({ MALLOC_ARENA_MAX: '4', MALLOC_MMAP_THRESHOLD_: '65536' }, true)).toEqual([]);
    expect(missingMallocSettings({ MALLOC_ARENA_MAX: '', MALLOC_MMAP_THRESHOLD_: '131072' }, true)).toEqual(['MALLOC_ARENA_MAX']);
  });

  it('asks nothing of a C library that does not read them (musl, macOS)', () => {
    expect(missingMallocSettings({}, false)).toEqual([]);
  });
});

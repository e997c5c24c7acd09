import { describe, expect, it } from 'vitest';
import { isUuid, newId } from './ids.ts';

describe('newId', () => {
  it('makes version 7 UUIDs that sort in the order they were made', async () => {
    const first = newId();
    await new Promise((resolve) => setTimeout(resolve, 2));
    const later = Array.from({ length: 50 }, () => newId());
    expect([first, ...later].every(isUuid)).toBe(true);
    expect(first[14]).toBe('7');
    expect(later.every((id) => id > first)).toBe(true);
    expect(new Set(later).size).toBe(50);
  });

  it('keeps ids made within one millisecond in order, and gives each its own random part across pool refills', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    expect(ids.every(isUuid)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    // The last 48 bits are random bytes only: none may repeat (a reused pool slice would).
    expect(new Set(ids.map((id) => id.slice(-12))).size).toBe(ids.length);
  });
});

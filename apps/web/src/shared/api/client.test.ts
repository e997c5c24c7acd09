import { describe, expect, it } from 'vitest';
import { csrfToken, unwrap } from './client.ts';
import { ApiError } from './errors.ts';
import { signUpForTest } from '../testing/render.tsx';

describe('API client', () => {
  it('turns a refused request into an ApiError with the server\'s code, message and field problems', async () => {
    const user = await signUpForTest();
    const error = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'x'.repeat(256) } })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'request.validation_failed' });
    expect((error as ApiError).message).toMatch(/title/);
    expect(Object.keys((error as ApiError).fieldProblems())).toEqual(['title']);
  });

  it('reads the CSRF token from the cookie the server sets for web sessions', () => {
    expect(csrfToken('a=1; wm_csrf=abc%3D%3D; b=2')).toBe('abc==');
    expect(csrfToken('a=1')).toBeUndefined();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateApiTypes, SCHEMA_FILE } from './api-types.ts';

describe('web API types', () => {
  it('match the server\'s OpenAPI document (run `npm run api:types -w @workmate/web` after changing a route)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await generateApiTypes());
  });
});

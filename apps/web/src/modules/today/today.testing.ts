/** Seeding helper for the Today and Focus component tests (documents: shared/testing/documents.ts). */
import { unwrap } from '../../shared/api/client.ts';
import type { TestUser } from '../../shared/testing/render.tsx';

export async function createTask(user: TestUser, body: { title: string; due_date?: string; amount?: string; tags?: string[] }) {
  return unwrap(user.api.POST('/api/v1/tasks', { body }));
}

import { initialSchema } from './0001-initial-schema.migration.ts';
import { accountsSchema } from './0002-accounts.migration.ts';
import { tasksSchema } from './0003-tasks.migration.ts';
import { taskListIndexes } from './0004-task-list-indexes.migration.ts';
import { searchPerUser } from './0005-search-per-user.migration.ts';
import { searchVectors } from './0006-search-vectors.migration.ts';
import { documentPages } from './0007-document-pages.migration.ts';
import { reminderEngine } from './0008-reminder-engine.migration.ts';
import { telegram } from './0009-telegram.migration.ts';
import { senderProfiles } from './0010-sender-profiles.migration.ts';
import { taskCreatedIndex } from './0011-task-created-index.migration.ts';
import type { Migration } from './migration.types.ts';

/** Every migration in the order it runs. Names start with a 4-digit sequence; never edit a shipped one. */
export const migrations: readonly Migration[] = [initialSchema, accountsSchema, tasksSchema, taskListIndexes, searchPerUser, searchVectors, documentPages, reminderEngine, telegram, senderProfiles, taskCreatedIndex];

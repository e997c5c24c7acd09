import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storageDriverTestSuite } from '../../storage.test-suite.ts';
import { createLocalStorageDriver } from './local.driver.ts';

storageDriverTestSuite('local', async () => createLocalStorageDriver({ root: mkdtempSync(join(tmpdir(), 'workmate-storage-')) }));

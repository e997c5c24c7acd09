/**
 * Photos issue: several photos uploaded as the pages of one letter become one document. The seed
 * gives a document exactly one file (`documents.file_id`, kept as page 1); `document_pages` lists
 * every file of a multi-file document in page order. A single-file document has no rows here.
 */
import { sql } from 'kysely';
import type { Migration } from './migration.types.ts';
import { schemaKit } from './schema-kit.ts';

export const documentPages: Migration = {
  name: '0007-document-pages',
  async up({ db, dialect }) {
    const k = schemaKit(dialect);
    await db.schema
      .createTable('document_pages')
      .addColumn(...k.reference('document_id', 'documents', 'cascade', (c) => c.notNull()))
      .addColumn(...k.reference('file_id', 'files', 'cascade', (c) => c.notNull()))
      .addColumn(...k.integer('page_index', (c) => c.notNull().check(sql`page_index >= 0`)))
      .addPrimaryKeyConstraint('document_pages_pkey', ['document_id', 'page_index'])
      .execute();
    await db.schema.createIndex('idx_document_pages_file').on('document_pages').column('file_id').execute();
  },
};

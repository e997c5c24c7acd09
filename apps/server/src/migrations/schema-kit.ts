/**
 * Column vocabulary for migrations, one definition per concept and dialect, so that a table is
 * written once and comes out as strictly on SQLite as on PostgreSQL:
 * uuid (uuid | text of 36 chars), instant (timestamptz | ISO-8601 UTC text with milliseconds),
 * json (jsonb | text that must be valid JSON), boolean (boolean | 0/1), varchar(n) (varchar(n) |
 * text with a length check), and enums as CHECK constraints on both.
 */
import { sql, type ColumnDataType, type ColumnDefinitionBuilder, type Expression, type RawBuilder } from 'kysely';
import type { DialectName } from '../db/database.ts';

type DataTypeExpression = ColumnDataType | Expression<unknown>;
type Modify = (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
export type ColumnSpec = [name: string, type: DataTypeExpression, build: Modify];

const ISO_INSTANT_GLOB = '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z';

export function schemaKit(dialect: DialectName) {
  const sqlite = dialect === 'sqlite';
  const keep: Modify = (column) => column;
  const spec = (name: string, type: DataTypeExpression, checks: RawBuilder<unknown>[], modify: Modify = keep): ColumnSpec => [
    name,
    type,
    (column) => modify(checks.reduce((built, check) => built.check(check), column)),
  ];
  const ref = (name: string) => sql.ref(name);

  const kit = {
    dialect,
    now: sqlite ? sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` : sql`now()`,

    uuid: (name: string, modify?: Modify) =>
      spec(name, sqlite ? 'text' : 'uuid', sqlite ? [sql`length(${ref(name)}) = 36`] : [], modify),

    id: () => kit.uuid('id', (column) => column.primaryKey()),

    /** A foreign key to `table.id` with the seed's ON DELETE rule. */
    reference: (name: string, table: string, onDelete: 'cascade' | 'set null', modify: Modify = keep) =>
      kit.uuid(name, (column) => modify(column.references(`${table}.id`).onDelete(onDelete))),

    instant: (name: string, modify?: Modify) =>
      spec(name, sqlite ? 'text' : 'timestamptz', sqlite ? [sql`${ref(name)} GLOB ${sql.lit(ISO_INSTANT_GLOB)}`] : [], modify),

    /** created_at / updated_at style: NOT NULL, defaults to the database's now. */
    stamp: (name: string) => kit.instant(name, (column) => column.notNull().defaultTo(kit.now)),

    json: (name: string, shape: 'object' | 'array', modify?: Modify) =>
      spec(
        name,
        sqlite ? 'text' : 'jsonb',
        [sqlite ? sql`json_valid(${ref(name)}) AND json_type(${ref(name)}) = ${sql.lit(shape)}` : sql`jsonb_typeof(${ref(name)}) = ${sql.lit(shape)}`],
        modify,
      ),

    /** A JSON column that is NOT NULL and starts as {} or []. */
    jsonWithDefault: (name: string, shape: 'object' | 'array') => {
      const empty = shape === 'object' ? '{}' : '[]';
      return kit.json(name, shape, (column) => column.notNull().defaultTo(sqlite ? empty : sql`${sql.lit(empty)}::jsonb`));
    },

    boolean: (name: string, defaultValue: boolean) =>
      spec(name, sqlite ? 'integer' : 'boolean', sqlite ? [sql`${ref(name)} IN (0, 1)`] : [], (column) =>
        column.notNull().defaultTo(sqlite ? (defaultValue ? 1 : 0) : defaultValue),
      ),

    varchar: (name: string, maxLength: number, modify?: Modify) =>
      spec(
        name,
        sqlite ? 'text' : sql.raw(`varchar(${maxLength})`),
        sqlite ? [sql`length(${ref(name)}) <= ${sql.lit(maxLength)}`] : [],
        modify,
      ),

    text: (name: string, modify?: Modify) => spec(name, 'text', [], modify),

    /** A text column limited to `values` (CHECK on both dialects); NOT NULL unless `nullable`. */
    enumeration: (name: string, values: readonly string[], options: { default?: string; nullable?: boolean } = {}) =>
      spec(name, sqlite ? 'text' : 'varchar(50)', [sql`${ref(name)} IN (${sql.join(values.map((value) => sql.lit(value)))})`], (column) => {
        const required = options.nullable ? column : column.notNull();
        return options.default === undefined ? required : required.defaultTo(options.default);
      }),

    integer: (name: string, modify?: Modify) => spec(name, 'integer', [], modify),
    bigint: (name: string, modify?: Modify) => spec(name, 'bigint', [], modify),
    double: (name: string, modify?: Modify) => spec(name, sqlite ? 'real' : 'double precision', [], modify),
  };
  return kit;
}

export type SchemaKit = ReturnType<typeof schemaKit>;

/** Fills the Kernbeleid Veiligheid catalogue (edition 2017): 5 fields, 22 themes. */
import type { Kysely } from 'kysely';
import { CATALOGUE_THEMES, SAFETY_FIELDS } from '../../catalogue/kernbeleid-veiligheid.js';

/** The two tables as this migration knows them (a migration never depends on today's schema types). */
type CatalogueTables = {
  safety_field: { number: number; name: string };
  catalogue_theme: { code: string; field_number: number; name: string; note: string | null; position: number };
};

export async function up(db: Kysely<unknown>): Promise<void> {
  const tables = db.withTables<CatalogueTables>();
  await tables
    .insertInto('safety_field')
    .values(SAFETY_FIELDS.map((field) => ({ number: field.number, name: field.name })))
    .execute();
  await tables
    .insertInto('catalogue_theme')
    .values(
      CATALOGUE_THEMES.map((theme, position) => ({
        code: theme.code,
        field_number: theme.fieldNumber,
        name: theme.name,
        note: theme.note,
        position,
      })),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = db.withTables<CatalogueTables>();
  await tables.deleteFrom('catalogue_theme').execute();
  await tables.deleteFrom('safety_field').execute();
}

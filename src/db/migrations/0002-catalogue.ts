/** Fills the Kernbeleid Veiligheid catalogue (edition 2017): 5 fields, 22 themes. */
import type { Kysely } from 'kysely';
import { CATALOGUE_THEMES, SAFETY_FIELDS } from '../../catalogue/kernbeleid-veiligheid.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto('safety_field').values(SAFETY_FIELDS.map((field) => ({ number: field.number, name: field.name }))).execute();
  await db
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

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('catalogue_theme').execute();
  await db.deleteFrom('safety_field').execute();
}

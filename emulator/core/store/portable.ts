import { sql, type RawBuilder } from 'kysely';

/**
 * Query pieces whose plain spelling behaves differently on SQLite and PostgreSQL, written once so they behave
 * the same on both (docs/decisions/018).
 */

/** Lower-cases A–Z only, as SQLite's lower() and PostgreSQL's lower() under COLLATE "C" do. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * `column` contains `text`, ignoring the case of ASCII letters: SQLite's LIKE already ignores it and
 * PostgreSQL's does not; `%`, `_` and `\` in the text are literal (PostgreSQL's LIKE escapes with `\` by
 * default, SQLite's has no escape at all unless told).
 *
 * @example
 *   db.selectFrom('vdxp_agencies').selectAll().where(containsText('name', 'nội vụ'))
 */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${asciiLower(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Reads an entity's rows with a select list built once and values converted as TypeORM converts
 * them (timestamps, transformers): for hot reads, where building the query and hydrating through
 * the query builder on every call cost more than the query itself.
 */
export class RowReader<T extends ObjectLiteral> {
  /** `"id", "portal_code", …` for `SELECT ${columns} FROM …`. */
  readonly columns: string;
  /** The same columns by property name, for a query builder's select (`alias.property`). */
  readonly properties: string[];
  private readonly read: { property: string; column: string; convert: (raw: unknown) => unknown }[];

  constructor(db: DataSource, entity: EntityTarget<T>, omit: string[] = []) {
    const { driver } = db;
    this.read = db
      .getMetadata(entity)
      .columns.filter((c) => !omit.includes(c.propertyName))
      .map((c) => ({ property: c.propertyName, column: c.databaseName, convert: (raw) => driver.prepareHydratedValue(raw, c) }));
    this.columns = this.read.map((r) => `"${r.column}"`).join(', ');
    this.properties = this.read.map((r) => r.property);
  }

  hydrate(row: Record<string, unknown>): T {
    const entity: Record<string, unknown> = {};
    for (const { property, column, convert } of this.read) entity[property] = convert(row[column]);
    return entity as T;
  }
}

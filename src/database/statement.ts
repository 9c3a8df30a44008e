import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** One parameterised SQL statement under construction. */
export class Statement {
  readonly params: unknown[] = [];

  constructor(private readonly manager: EntityManager) {}

  /** The placeholder of a new parameter. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** The quoted table name of an entity. */
  table<T extends ObjectLiteral>(entity: EntityTarget<T>): string {
    return `"${this.manager.connection.getMetadata(entity).tableName}"`;
  }

  /** `"column" = $n, …` for the given entity properties, converted as TypeORM converts them. */
  assignments<T extends ObjectLiteral>(entity: EntityTarget<T>, values: Partial<T>): string {
    return this.columns(entity, values).map(([column, placeholder]) => `${column} = ${placeholder}`).join(', ');
  }

  /** `INSERT INTO table (…) VALUES (…)`, or `… SELECT … FROM <from>` so it inserts only if `from` has a row. */
  insert<T extends ObjectLiteral>(entity: EntityTarget<T>, values: Partial<T>, from?: string): string {
    const columns = this.columns(entity, values);
    const names = columns.map(([c]) => c).join(', ');
    const placeholders = columns.map(([, p]) => p).join(', ');
    const table = this.table(entity);
    return from
      ? `INSERT INTO ${table} (${names}) SELECT ${placeholders} FROM ${from}`
      : `INSERT INTO ${table} (${names}) VALUES (${placeholders})`;
  }

  private columns<T extends ObjectLiteral>(entity: EntityTarget<T>, values: Partial<T>): [string, string][] {
    const metadata = this.manager.connection.getMetadata(entity);
    const byProperty = columnsOf(metadata);
    const driver = this.manager.connection.driver;
    const columns: [string, string][] = [];
    for (const property in values) {
      const value = values[property];
      if (value === undefined) continue;
      const column = byProperty.get(property);
      // A property that is no column would be lost without a word: a programming error.
      if (!column) throw new Error(`${metadata.name} has no column for property "${property}"`);
      columns.push([column.quoted, this.param(driver.preparePersistentValue(value, column.metadata))]);
    }
    return columns;
  }
}

// An entity's columns by property name, looked up once (TypeORM searches its column list each time).
const COLUMNS = new WeakMap<EntityMetadata, Map<string, { quoted: string; metadata: ColumnMetadata }>>();

function columnsOf(entity: EntityMetadata): Map<string, { quoted: string; metadata: ColumnMetadata }> {
  let columns = COLUMNS.get(entity);
  if (!columns) {
    columns = new Map();
    // The first column of a property, as findColumnWithPropertyName finds it.
    for (const c of entity.columns) if (!columns.has(c.propertyName)) columns.set(c.propertyName, { quoted: `"${c.databaseName}"`, metadata: c });
    COLUMNS.set(entity, columns);
  }
  return columns;
}

/**
 * A versioned schema change. Each adapter keeps its own list (the SQL dialects differ) with the
 * same versions; `schema_migrations` records what a database has, and adapters apply the missing
 * ones in order at start, inside a transaction. Never edit a released migration: add one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Checks a list is 1, 2, 3… with no gap, so a database's version is well defined. */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}

/**
 * A thin, driver-neutral way to run parameterised SQL. Hot paths (ingest batches, results
 * aggregation) use it directly: one round trip per statement, no ORM in between.
 * Both drivers are configured to return int8 and numeric as JS numbers (see connect.ts).
 */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Sql extends SqlExecutor {
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

// A named prepared statement on the pool TypeORM opened. The blotter's detail read joins every
// partition of order_events, and planning it afresh (what an unnamed statement does) costs more
// than running it: a named statement is planned once per connection, then pruned at run time.
import type pg from 'pg';
import type { DataSource } from 'typeorm';

interface PoolHolder {
  readonly master?: pg.Pool;
}

export async function preparedQuery<Row>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: readonly unknown[],
): Promise<Row[]> {
  const pool = (dataSource.driver as unknown as PoolHolder).master;
  if (pool === undefined) {
    // Not a pg pool (never the case on Postgres): the plain path still answers.
    return dataSource.query<Row[]>(text, [...values]);
  }
  const result = await pool.query<Row & pg.QueryResultRow>({ name, text, values: [...values] });
  return result.rows;
}

// npm run migrations:run | migrations:check — against DATABASE_URL.
import { createDataSource, runMigrations, schemaDrift } from '../data-source.js';

async function main(): Promise<number> {
  const command = process.argv[2];
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === '') {
    console.error('DATABASE_URL is not set');
    return 2;
  }
  const dataSource = createDataSource({ url, poolSize: 2 });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    console.log(
      `migrations applied: ${applied.length === 0 ? 'none pending' : applied.join(', ')}`,
    );
    if (command === 'check') {
      const drift = await schemaDrift(dataSource);
      if (drift.length > 0) {
        console.error(`entities and migrations disagree:\n${drift.join(';\n')}`);
        return 1;
      }
      console.log('entities and migrations agree');
    } else if (command !== 'run') {
      console.error(`unknown command ${String(command)}: use run or check`);
      return 2;
    }
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

process.exitCode = await main();

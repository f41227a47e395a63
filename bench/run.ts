// npm run bench [name...]: runs every bench/*.bench.ts (or those whose name contains an argument)
// one after another, each printing its figures beside the reference it is compared with.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface BenchModule {
  readonly title: string;
  run(): Promise<void>;
}

const filters = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.bench.js'))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ') || '*.bench.ts'}`);
  process.exit(1);
}
console.log(
  `# qmt-gateway benchmarks on ${process.platform}/${process.arch}, Node ${process.version}`,
);
for (const file of files) {
  const bench = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as BenchModule;
  console.log(`\n# ${file.replace('.bench.js', '')}: ${bench.title}`);
  const started = Date.now();
  await bench.run();
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

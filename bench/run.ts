/**
 * Runs every benchmark in this folder (`*.bench.ts`), one after the other, in this process.
 * Each bench file is a module whose top level runs its measurements and prints a table.
 * `npm run bench -- diff` runs only the files whose name contains `diff`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
console.log(`node ${process.version}, ${process.platform} ${process.arch}`);
for (const file of files) {
  console.log(`\n## ${file}\n`);
  await import(pathToFileURL(join(here, file)).href);
}

// Run by `npm install` (prepare): builds the migrated embedded-database snapshot, so the first `npm start` and every
// test file skip PGlite's slow initdb.
import { readPgliteTemplate } from '../src/db/pglite-template.ts';
import { ensurePgliteTemplate } from '../src/db/pglite-template-builder.ts';

const started = performance.now();
if (readPgliteTemplate()) {
  process.stdout.write('Embedded database template is up to date.\n');
} else {
  process.stdout.write('Building the embedded database template…\n');
  const snapshot = await ensurePgliteTemplate();
  process.stdout.write(`Built it (${(snapshot.length / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
}

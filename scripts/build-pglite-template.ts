// Run by `npm install` (prepare): builds the migrated embedded-database snapshot, so the first `npm start` and every
// test file skip PGlite's slow initdb.
import { pgliteTemplateDirectory, readPgliteTemplate } from '../src/db/pglite-template.ts';
import { ensurePgliteTemplate, ensurePgliteTemplateDirectory } from '../src/db/pglite-template-builder.ts';

const started = performance.now();
if (readPgliteTemplate() && pgliteTemplateDirectory()) {
  process.stdout.write('Embedded database template is up to date.\n');
} else {
  process.stdout.write('Building the embedded database template…\n');
  const snapshot = await ensurePgliteTemplate();
  // Unpacked too: a server's new data directory is a copy of it (test databases load the tarball into memory).
  await ensurePgliteTemplateDirectory();
  process.stdout.write(`Built it (${(snapshot.length / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
}

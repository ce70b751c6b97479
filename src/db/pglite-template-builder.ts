// Builds the PGlite template (src/db/pglite-template.ts): opens a new embedded database, migrates it and dumps it.
// Apart from the template's reader, which the engine uses to open new data directories.
import fs from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from './engine.ts';
import path from 'node:path';
import { cacheDir, pgliteTemplateDirectory, readPgliteTemplate, templateDirectory, templateFile } from './pglite-template.ts';

/** Builds (or reads) the snapshot for the current migrations. */
export async function ensurePgliteTemplate(): Promise<Buffer> {
  const existing = readPgliteTemplate();
  if (existing) return existing;
  const database = await openDatabase({ engine: 'pglite' });
  await database.migrate();
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const dump = Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
  await database.close();
  fs.mkdirSync(cacheDir, { recursive: true });
  // Written under a temporary name and renamed, so a parallel process never reads half a snapshot.
  const file = templateFile();
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, dump);
  fs.renameSync(temporary, file);
  removeOlderTemplates();
  return dump;
}

/**
 * Removes the templates of earlier migrations (`pglite-<hash>.tar.gz` and its unpacked `pglite-<hash>/`, 40 MB each):
 * once the migrations change nothing reads them again, and a checkout that lived through many changes kept them all.
 */
function removeOlderTemplates(): void {
  const current = path.basename(templateDirectory());
  for (const name of fs.readdirSync(cacheDir)) {
    const template = /^(pglite-[0-9a-f]+)(\.tar\.gz)?$/.exec(name);
    if (template && template[1] !== current) fs.rmSync(path.join(cacheDir, name), { recursive: true, force: true });
  }
}

/** Unpacks the snapshot into a data directory of its own (new servers copy it), unless that is done already. */
export async function ensurePgliteTemplateDirectory(): Promise<string> {
  const existing = pgliteTemplateDirectory();
  if (existing) return existing;
  const snapshot = await ensurePgliteTemplate();
  const directory = templateDirectory();
  // Unpacked beside it and renamed, so a server starting meanwhile never copies half a directory.
  const temporary = `${directory}.${process.pid}.tmp`;
  fs.rmSync(temporary, { recursive: true, force: true });
  const database = await openDatabase({ engine: 'pglite', dataDir: temporary, loadDataDir: new Blob([new Uint8Array(snapshot)]), lock: false });
  await database.close();
  fs.rmSync(path.join(temporary, 'postmaster.pid'), { force: true });
  fs.renameSync(temporary, directory);
  return directory;
}

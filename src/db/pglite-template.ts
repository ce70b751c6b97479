// A migrated, empty PGlite data directory kept as a tarball. Creating a PGlite directory runs initdb in WebAssembly
// (5–6 s here); loading this snapshot takes about 2 s. `npm install` builds it; new data directories and test
// databases start from it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrationsFolder } from './migrations-folder.ts';

export const cacheDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.cache');

/** Changes whenever a migration changes, so a stale snapshot is never used. */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const full = path.join(migrationsFolder, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  return hash.digest('hex').slice(0, 16);
}

export const templateFile = () => path.join(cacheDir, `pglite-${migrationsHash()}.tar.gz`);
/**
 * The same snapshot unpacked into a data directory: a new server's data directory is a copy of it (a file copy takes
 * tens of milliseconds; PGlite unpacks the tarball in JavaScript, several seconds of a first start).
 */
export const templateDirectory = () => path.join(cacheDir, `pglite-${migrationsHash()}`);

/** The unpacked snapshot for the current migrations, or undefined when it has not been built. */
export function pgliteTemplateDirectory(): string | undefined {
  const directory = templateDirectory();
  return fs.existsSync(path.join(directory, 'PG_VERSION')) ? directory : undefined;
}

/** The snapshot for the current migrations, or undefined when it has not been built. */
export function readPgliteTemplate(): Buffer | undefined {
  const file = templateFile();
  return fs.existsSync(file) ? fs.readFileSync(file) : undefined;
}

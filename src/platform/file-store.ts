// Stored files by content hash, behind one interface: on disk under DATA_DIR/files (the embedded engine), and, once
// several servers share PostgreSQL, a table there (issue 13 item 4 builds that one; this file holds the disk store).
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Db } from '../db/engine.ts';
import { storedFilePath } from './files.ts';

export interface FileStore {
  /** Stores `bytes` under their sha256; storing a file that is already there changes nothing. */
  put(sha256: string, bytes: Buffer): Promise<void>;
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
  /** Every stored file's sha256. */
  list(): AsyncIterable<string>;
}

const sha256Pattern = /^[0-9a-f]{64}$/;

/** Files under `dataDir/files/<aa>/<sha256>` (platform/files.ts `storedFilePath`). */
export function diskFileStore(dataDir: string): FileStore {
  return {
    async put(sha256, bytes) {
      const final = storedFilePath(dataDir, sha256);
      if (fs.existsSync(final)) return;
      // Written beside its place and renamed, so a reader never sees half a file.
      const temporary = `${final}.${process.pid}.tmp`;
      await fs.promises.mkdir(path.dirname(final), { recursive: true });
      await fs.promises.writeFile(temporary, bytes);
      await fs.promises.rename(temporary, final);
    },
    async get(sha256) {
      try {
        return await fs.promises.readFile(storedFilePath(dataDir, sha256));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async has(sha256) {
      return fs.existsSync(storedFilePath(dataDir, sha256));
    },
    async *list() {
      const root = path.join(dataDir, 'files');
      const prefixes = await fs.promises.readdir(root).catch(() => [] as string[]);
      for (const prefix of prefixes.sort()) {
        if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
        for (const name of (await fs.promises.readdir(path.join(root, prefix))).sort()) {
          if (sha256Pattern.test(name) && name.startsWith(prefix)) yield name;
        }
      }
    },
  };
}

/** The store the configuration names: on disk here (the PostgreSQL table arrives with the several-servers work). */
export function fileStoreFor(config: Config, _db: Db): FileStore {
  return diskFileStore(config.dataDir);
}

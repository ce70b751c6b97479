// The real application on a real database, driven through app.inject().
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app.ts';
import type { App, ConcordModule } from '../../src/platform/module-manifest.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/engine.ts';
import { type Engine, openTestDatabase, type TestDatabase } from './database.ts';

export type TestApp = { app: App; db: Db; database: TestDatabase; config: Config; close(): Promise<void> };

/**
 * `modules` replaces Concord's list of modules (a test plugs in one of its own); `demo` starts from a database that
 * holds the demo (test/support/database.ts: built once, then copied), as `loadDemo(t.db)` on an empty one would leave it.
 */
export async function createTestApp(
  engine: Engine,
  env: Record<string, string> = {},
  modules?: readonly ConcordModule[],
  options: { demo?: boolean } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-test-'));
  // Every test's requests come from one address: the per-address limits are raised here, and the tests of the limits
  // set their own.
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    BASE_URL: 'http://concord.test',
    ANONYMOUS_WRITES_PER_MINUTE: '100000',
    SIGN_IN_FAILURES_PER_ADDRESS: '100000',
    ...env,
  });
  const database = await openTestDatabase(engine, options);
  const app = await buildApp({ config, database, logger: false, modules });
  return {
    app,
    db: database.db,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// The file store on both engines: on disk under DATA_DIR with PGlite (today's layout), in stored_files with
// PostgreSQL; files stored with the transaction that records them, nothing left by a rolled-back one; streamed reads;
// staged uploads and the sweep.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase, testEngines } from '../../test/support/database.ts';
import type { Db } from '../db/engine.ts';
import {
  fileStoreFor,
  finishInterruptedFiles,
  readStoredFile,
  stagedUploadsFor,
  stagingDirectory,
  storedFilePath,
  storedFileSize,
  storeFilesWith,
  streamChunkBytes,
  sweepTemporaryFiles,
} from './file-store.ts';
import { type CheckedFile, checkUpload } from './files.ts';
import { stagedUploads, throttles } from './schema.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const textFile = (text: string) => checkUpload({ fileName: 'a.txt', contentType: '', bytes: Buffer.from(text) }, { field: 'file', allowed: ['txt'], maxBytes: 1024 * 1024, locale: 'en' });

for (const engine of testEngines()) {
  describe(`file store on ${engine}`, () => {
    let database: TestDatabase;
    let db: Db;
    let dataDir: string;
    const config = () => ({ dataDir });
    const onDisk = engine === 'pglite';
    before(async () => {
      database = await openTestDatabase(engine);
      db = database.db;
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-file-store-'));
    });
    after(async () => {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    const filesOnDisk = () => fs.existsSync(path.join(dataDir, 'files')) ? fs.readdirSync(path.join(dataDir, 'files'), { recursive: true }).filter((f) => /[0-9a-f]{64}$/.test(String(f))) : [];

    it('puts, gets and lists by hash; a second put is a no-op; wrong bytes for a hash are refused', async () => {
      const store = fileStoreFor(config(), db);
      const a = Buffer.from(`first ${engine}`);
      const b = Buffer.from(`second ${engine}`);
      assert.equal(await store.get(sha256(a)), null);
      assert.equal(await store.has(sha256(a)), false);
      await store.put(sha256(a), a);
      await store.put(sha256(a), a);
      await store.put(sha256(b), b);
      assert.deepEqual(await store.get(sha256(a)), a);
      assert.equal(await store.has(sha256(b)), true);
      const listed: string[] = [];
      for await (const hash of store.list()) listed.push(hash);
      assert.deepEqual(listed, [sha256(a), sha256(b)].sort());
      await assert.rejects(store.put(sha256(a), b), /do not match their sha256/);
      await assert.rejects(store.get('../etc/passwd'), /not a sha256/);
      // Where the bytes are: the engine decides.
      assert.equal(fs.existsSync(storedFilePath(dataDir, sha256(a))), onDisk);
    });

    it('stores files with the transaction that records them, and leaves nothing when it rolls back', async () => {
      const kept = await textFile(`kept ${engine}`);
      const key = `file-store-${engine}`;
      const seenDuring = await storeFilesWith({ db, dataDir }, [kept, kept], async (tx) => {
        await tx.insert(throttles).values({ key, windowStartedAt: new Date(), hits: 1 });
        // Nobody else sees the bytes before the commit (other connections on PostgreSQL, the final path on disk).
        return (await fileStoreFor(config(), db).has(kept.sha256));
      });
      assert.equal(seenDuring, false);
      assert.deepEqual(await fileStoreFor(config(), db).get(kept.sha256), kept.bytes);

      const dropped = await textFile(`rolled back ${engine}`);
      await assert.rejects(
        storeFilesWith({ db, dataDir }, [dropped], (tx) =>
          tx.transaction(async (inner) => {
            await inner.insert(throttles).values({ key: `${key}-2`, windowStartedAt: new Date(), hits: 1 });
            throw new Error('transaction failed');
          }),
        ),
        /transaction failed/,
      );
      assert.equal(await fileStoreFor(config(), db).has(dropped.sha256), false);
      assert.deepEqual(await db.select().from(throttles).where(eq(throttles.key, `${key}-2`)), []);
      // Nothing half-done on disk either: no temporary, and on PostgreSQL no file at all.
      if (onDisk) assert.deepEqual(fs.readdirSync(path.join(dataDir, 'files', 'tmp')), []);
      else assert.deepEqual(filesOnDisk(), []);
    });

    it('streams a file larger than one chunk, chunk by chunk, and knows its size', async () => {
      const bytes = Buffer.alloc(Math.round(2.5 * streamChunkBytes));
      for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32LE((i * 2654435761) >>> 0, i);
      const file: CheckedFile = { fileName: 'big.zip', kind: 'zip', contentType: 'application/zip', size: bytes.length, sha256: sha256(bytes), bytes };
      await storeFilesWith({ db, dataDir }, [file], async () => undefined);
      assert.equal(await storedFileSize(config(), db, file.sha256), bytes.length);
      const chunks: number[] = [];
      const stream = readStoredFile(config(), db, file.sha256);
      // Listening for its end before anything else is awaited: a small file on disk may be read through meanwhile.
      const ended = new Promise((done) => stream.on('end', done));
      stream.on('data', (chunk: Buffer) => chunks.push(chunk.length));
      assert.ok((await buffer(readStoredFile(config(), db, file.sha256))).equals(bytes));
      await ended;
      if (!onDisk) assert.deepEqual(chunks, [streamChunkBytes, streamChunkBytes, bytes.length - 2 * streamChunkBytes]);
      const missing = 'f'.repeat(64);
      assert.equal(await storedFileSize(config(), db, missing), null);
      await assert.rejects(buffer(readStoredFile(config(), db, missing)));
    });

    it('keeps staged uploads until removed, and sweeps those older than a day', async () => {
      const staging = stagedUploadsFor(config(), db);
      const bytes = Buffer.from(`staged ${engine}`);
      const token = await staging.put(bytes);
      assert.equal(token, sha256(bytes));
      assert.deepEqual(await staging.get(token), bytes);
      assert.equal(fs.existsSync(path.join(stagingDirectory(dataDir), token)), onDisk);
      await staging.remove(token);
      assert.equal(await staging.get(token), null);

      const old = await staging.put(Buffer.from(`yesterday ${engine}`));
      const fresh = await staging.put(Buffer.from(`this morning ${engine}`));
      const then = new Date(Date.now() - 25 * 3_600_000);
      if (onDisk) fs.utimesSync(path.join(stagingDirectory(dataDir), old), then, then);
      else await db.update(stagedUploads).set({ createdAt: then }).where(eq(stagedUploads.sha256, old));
      assert.equal(await sweepTemporaryFiles({ dataDir, db }), 1);
      assert.equal(await staging.get(old), null);
      assert.notEqual(await staging.get(fresh), null);
      if (!onDisk) assert.equal((await db.select().from(stagedUploads)).length, 1);
    });
  });
}

describe('sweep on disk', () => {
  let dataDir: string;
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-sweep-'));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('sweeps temporaries left by a process that died, but not fresh ones', async () => {
    const tmp = path.join(dataDir, 'files', 'tmp');
    fs.mkdirSync(tmp, { recursive: true });
    fs.writeFileSync(path.join(tmp, 'old'), 'x');
    fs.writeFileSync(path.join(tmp, 'fresh'), 'y');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(path.join(tmp, 'old'), twoHoursAgo, twoHoursAgo);
    assert.equal(await sweepTemporaryFiles({ dataDir }), 1);
    assert.deepEqual(fs.readdirSync(tmp), ['fresh']);
  });

  it('sweeps staged imports never confirmed after a day, and their half-written copies after an hour', async () => {
    const staging = stagingDirectory(dataDir);
    fs.mkdirSync(staging, { recursive: true });
    const age = (name: string, hours: number) => {
      fs.writeFileSync(path.join(staging, name), name);
      const then = new Date(Date.now() - hours * 3_600_000);
      fs.utimesSync(path.join(staging, name), then, then);
    };
    const sha = (c: string) => c.repeat(64);
    age(sha('a'), 25); // checked yesterday, never confirmed
    age(sha('b'), 2); // checked this morning: the user may still confirm it
    age(`${sha('c')}.1234.tmp`, 2); // a process died while writing it
    age(`${sha('d')}.1234.tmp`, 0);
    assert.equal(await sweepTemporaryFiles({ dataDir }), 2);
    assert.deepEqual(fs.readdirSync(staging).sort(), [sha('b'), `${sha('d')}.1234.tmp`]);
  });
});

describe('finishInterruptedFiles (embedded engine: files on disk)', () => {
  let dataDir: string;
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-files-'));
    fs.mkdirSync(path.join(dataDir, 'files', 'tmp'), { recursive: true });
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const tmpFiles = () => fs.readdirSync(path.join(dataDir, 'files', 'tmp'));

  it('puts in place, after a crash, the temporaries a committed row names, and only whole ones', async () => {
    const tmp = path.join(dataDir, 'files', 'tmp');
    const hash = (text: string) => createHash('sha256').update(text).digest('hex');
    const [committed, uncommitted, torn] = [hash('committed'), hash('never committed'), hash('torn')];
    fs.writeFileSync(path.join(tmp, `${committed}.aa11`), 'committed');
    fs.writeFileSync(path.join(tmp, `${uncommitted}.bb22`), 'never committed');
    fs.writeFileSync(path.join(tmp, `${torn}.cc33`), 'to'); // cut short: its hash is not its name
    // Written three hours ago: the sweep would remove them all if it ran first.
    const then = new Date(Date.now() - 3 * 3_600_000);
    for (const name of fs.readdirSync(tmp)) fs.utimesSync(path.join(tmp, name), then, then);
    const asked: string[][] = [];
    const finished = await finishInterruptedFiles(dataDir, async (sha256s) => {
      asked.push([...sha256s].sort());
      return new Set([committed, torn]);
    });
    assert.equal(finished, 1);
    assert.deepEqual(asked, [[committed, uncommitted, torn].sort()], 'one question for all of them');
    assert.equal(fs.readFileSync(storedFilePath(dataDir, committed), 'utf8'), 'committed');
    assert.equal(fs.existsSync(storedFilePath(dataDir, torn)), false, 'a torn temporary is not put in place');
    assert.deepEqual(tmpFiles().sort(), [`${uncommitted}.bb22`, `${torn}.cc33`].sort(), 'what no row names is left to the sweep');
    assert.equal(await finishInterruptedFiles(dataDir, async () => new Set([committed, torn])), 0, 'nothing twice');
    assert.equal(await sweepTemporaryFiles({ dataDir }), 2);
  });
});

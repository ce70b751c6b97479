// The compiled server (scripts/build-server.mjs): built here into a folder of its own (dist/ stays as it is), started
// once through bin/concord.js, which must choose it while it matches the sources and fall back to them otherwise.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bundleStaleReason, workerOutputName } from '../bin/server-bundle.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Inside the repository, as dist/ is: the compiled code finds src/ (assets, migrations) and node_modules from there.
fs.mkdirSync(path.join(repoRoot, '.cache'), { recursive: true });
const outdir = fs.mkdtempSync(path.join(repoRoot, '.cache', 'compiled-server-test-'));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-compiled-'));

function workersInSources(dir = path.join(repoRoot, 'src')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return workersInSources(full);
    return /-worker\.ts$/.test(entry.name) ? [path.relative(path.join(repoRoot, 'src'), full)] : [];
  });
}

describe('compiled server', () => {
  before(() => {
    const built = spawnSync(process.execPath, ['scripts/build-server.mjs', '--outdir', outdir], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
  });
  after(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('makes every *-worker.ts an entry of its own and records the sources it was built from', () => {
    const workers = workersInSources();
    assert.ok(workers.length >= 2, 'the overlaps engine has two workers');
    for (const worker of workers) assert.ok(fs.existsSync(path.join(outdir, `${workerOutputName(worker)}.js`)), `${worker} compiled`);
    assert.equal(bundleStaleReason(outdir), undefined);
  });

  it('is stale once a source it was built from differs, and missing where there is no build', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-stale-'));
    try {
      fs.copyFileSync(path.join(outdir, 'main.js'), path.join(copy, 'main.js'));
      const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'sources.json'), 'utf8'));
      // A file with its size and time as recorded but other content is taken as unchanged (the check reads sizes and
      // times, then contents only where the time moved): changing the recorded time and hash makes it read the file.
      manifest.sources['src/config.ts'] = { ...manifest.sources['src/config.ts'], mtimeMs: 1, sha256: 'other' };
      fs.writeFileSync(path.join(copy, 'sources.json'), JSON.stringify(manifest));
      assert.equal(bundleStaleReason(copy), 'src/config.ts changed since the build');
      manifest.sources['src/gone.ts'] = { size: 1, mtimeMs: 1, sha256: 'x' };
      delete manifest.sources['src/config.ts'];
      fs.writeFileSync(path.join(copy, 'sources.json'), JSON.stringify(manifest));
      assert.equal(bundleStaleReason(copy), 'src/gone.ts was removed since the build');
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
    assert.equal(bundleStaleReason(path.join(outdir, 'nothing-here')), 'no compiled server in dist/');
  });

  it('starts through bin/concord.js from the build, migrates a new data directory and answers /healthz and /', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const child = spawn(process.execPath, ['bin/concord.js', 'serve', '--no-demo'], {
      cwd: repoRoot,
      env: { ...process.env, CONCORD_DIST: outdir, DATA_DIR: dataDir, DATABASE_URL: '', HOST: '127.0.0.1', PORT: String(port), BASE_URL: '', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      // The "ready" line is waited for, not polled.
      const ready = await new Promise<{ compiled: boolean; msg: string }>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const line = output.split('\n').find((l) => l.includes('Concord is ready'));
          if (line) resolve(JSON.parse(line));
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code} before it was ready:\n${output}`)));
      });
      assert.equal(ready.compiled, true, 'ran the compiled server');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok', engine: 'pglite' });
      // The home page: views, the layout, and the stylesheet read from src/ at start.
      const home = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(home.status, 200);
      assert.match(await home.text(), /<html lang="en"/);
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });

  it('runs the sources when there is no build', () => {
    const result = spawnSync(process.execPath, ['bin/concord.js', '--help'], {
      cwd: repoRoot,
      env: { ...process.env, CONCORD_DIST: path.join(outdir, 'nothing-here') },
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Usage: concord <command> \[options\]/);
    assert.equal(result.stderr, '');
  });
});

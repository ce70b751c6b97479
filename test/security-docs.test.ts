// The operator's documents stay true to the code: DEPLOYMENT.md lists every environment variable Concord reads, and
// SECURITY.md and DEPLOYMENT.md name only test files that exist.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { environmentVariables } from '../src/config.ts';

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** Every source file under `dir` (tests left out: they may set variables for the process they spawn). */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

/** The variables of DEPLOYMENT.md's table: the first cell of each row, in backquotes. */
function documentedVariables(): Set<string> {
  const section = read('DEPLOYMENT.md').split('## Environment variables')[1]?.split('\n## ')[0] ?? '';
  return new Set([...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1] as string));
}

describe('DEPLOYMENT.md', () => {
  it('documents every variable config.ts reads, and none it does not', () => {
    const documented = documentedVariables();
    assert.deepEqual(environmentVariables.filter((name) => !documented.has(name)), [], 'read by src/config.ts but missing from DEPLOYMENT.md');
    const readElsewhere = new Set(
      [...sourceFiles('src'), ...sourceFiles('bin')].flatMap((file) => [...read(file).matchAll(/process\.env(?:\.([A-Z0-9_]+)|\[['"]([A-Z0-9_]+)['"]\])/g)].map((m) => (m[1] ?? m[2]) as string)),
    );
    assert.deepEqual([...readElsewhere].filter((name) => !documented.has(name)), [], 'read through process.env but missing from DEPLOYMENT.md');
    const known = new Set([...environmentVariables, ...readElsewhere]);
    assert.deepEqual([...documented].filter((name) => !known.has(name)), [], 'documented but read by nothing');
  });

  it('is linked from the README and from SECURITY.md', () => {
    assert.match(read('README.md'), /\(DEPLOYMENT\.md\)/);
    assert.match(read('SECURITY.md'), /\(DEPLOYMENT\.md\)/);
  });
});

describe('SECURITY.md', () => {
  it('covers the fourteen ASVS areas, V1 to V14', () => {
    const table = read('SECURITY.md');
    for (let area = 1; area <= 14; area++) assert.match(table, new RegExp(`^\\| V${area} `, 'm'), `V${area} has a row`);
  });

  it('names only test files that exist (a * matches at least one)', () => {
    for (const file of ['SECURITY.md', 'DEPLOYMENT.md']) {
      const named = new Set([...read(file).matchAll(/`((?:src|test)\/[\w./*-]+\.test\.tsx?)`/g)].map((m) => m[1] as string));
      assert.ok(file === 'DEPLOYMENT.md' || named.size > 20, `${file} names its tests`);
      for (const test of named) {
        if (test.includes('*')) {
          const pattern = new RegExp(`^${test.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]+')}$`);
          const [dir] = test.split('*');
          assert.ok(sourceFilesWithTests(path.dirname(`${dir}x`)).some((f) => pattern.test(f)), `${file}: ${test} matches no file`);
        } else {
          assert.ok(fs.existsSync(path.join(root, test)), `${file} names ${test}, which does not exist`);
        }
      }
    }
  });
});

function sourceFilesWithTests(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFilesWithTests(relative) : [relative];
  });
}

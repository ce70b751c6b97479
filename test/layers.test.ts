// The layer rules (.dependency-cruiser.cjs) checked over src/ by dependency-cruiser. It runs from tools/layers, with
// the TypeScript 5 compiler API it parses with: the project's TypeScript 7 has no JavaScript API. A violation fails
// with the import named and the rule's advice.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Rule = { name: string; comment: string; severity: string; from: { path: string | string[]; pathNot?: string | string[] }; to: Record<string, unknown> };
type Config = { forbidden: Rule[]; options: Record<string, unknown> };
type Violation = { from: string; to: string; rule: { name: string }; cycle?: { name: string }[] | string[] };

const root = fileURLToPath(new URL('..', import.meta.url));
const cruiserEntry = path.join(root, 'tools/layers/node_modules/dependency-cruiser/src/main/index.mjs');
const config = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs')) as Config;

async function violations(rules: Rule[]): Promise<Violation[]> {
  if (!fs.existsSync(cruiserEntry)) {
    throw new Error('dependency-cruiser is not installed in tools/layers: run `npm install` (its prepare script installs it).');
  }
  const { cruise } = (await import(pathToFileURL(cruiserEntry).href)) as {
    cruise(files: string[], options: Record<string, unknown>): Promise<{ output: { summary: { violations: Violation[] } } }>;
  };
  const previous = process.cwd();
  process.chdir(root);
  try {
    const result = await cruise(['src'], { ...config.options, ruleSet: { forbidden: rules }, validate: true });
    return result.output.summary.violations;
  } finally {
    process.chdir(previous);
  }
}

/** One line a violation: the import, then what the rule says to do. */
function describeViolation(v: Violation): string {
  const rule = config.forbidden.find((r) => r.name === v.rule.name);
  const loop = v.cycle?.length ? ` (around ${v.cycle.map((c) => (typeof c === 'string' ? c : c.name)).join(' → ')})` : '';
  return `${v.from} imports ${v.to}${loop}: ${rule?.comment ?? v.rule.name}`;
}

const withoutException = (name: string, pattern: string): Rule[] =>
  config.forbidden.map((rule) => {
    if (rule.name !== name) return rule;
    const pathNot = [rule.from.pathNot ?? []].flat().filter((p) => p !== pattern);
    assert.equal(pathNot.length, [rule.from.pathNot ?? []].flat().length - 1, `rule ${name} has no exception ${pattern}`);
    return { ...rule, from: { ...rule.from, pathNot } };
  });

describe('layers', () => {
  it('hold over src/: platform and db import no module, modules use each other through index.ts, no cycles', async () => {
    const found = await violations(config.forbidden);
    assert.deepEqual(found.map(describeViolation), []);
  });

  it('name the import and the advice when an exception is taken away', async () => {
    // The schema index gathers every module's tables: without its exception the db layer reaches upward.
    const db = await violations(withoutException('db-imports-upward', '^src/db/schema\\.ts$'));
    const line = db.map(describeViolation).find((l) => l.startsWith('src/db/schema.ts imports src/modules/'));
    assert.ok(line, 'the schema index is reported');
    assert.match(line, /The database layer knows no platform or module code/);
    // Tables refer to other modules' tables for their foreign keys.
    const schemas = (await violations(withoutException('module-reaches-into-another', 'schema\\.ts$'))).map(describeViolation);
    assert.ok(schemas.some((l) => /^src\/modules\/activities\/schema\.ts imports src\/modules\/organizations\/schema\.ts: Another module is used through its public surface/.test(l)), schemas.join('\n'));
    // A module's public surface offers its page frame to other modules' pages.
    const frames = (await violations(withoutException('domain-imports-route-or-view', '(routes|views|frame|module|index)\\.tsx?$'))).map(describeViolation);
    assert.ok(frames.some((l) => l.startsWith('src/modules/activities/index.ts imports src/modules/activities/views.tsx: Domain files hold the rules')), frames.join('\n'));
  });
});

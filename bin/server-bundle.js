// The compiled server (`dist/`, built by `npm install`'s prepare step, scripts/build-server.mjs) and whether it is up
// to date with the sources it was built from. Plain JavaScript: bin/concord.js reads it before any TypeScript loader.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where `npm install` puts the compiled server. */
export const defaultDistDir = path.join(repositoryRoot, 'dist');
export const bundleEntry = (distDir) => path.join(distDir, 'main.js');
/** What the build records: each source file it compiled, with its size, modification time and SHA-256. */
const bundleManifest = (distDir) => path.join(distDir, 'sources.json');

/**
 * The name of a worker's compiled entry in dist/: `src/modules/a/b-worker.ts` → `modules.a.b-worker` (all outputs sit
 * in dist/ itself, so code moved into any chunk finds the sources at the same distance). worker-url.ts follows it.
 */
export const workerOutputName = (relativeToSrc) => relativeToSrc.replace(/\\/g, '/').replace(/\.tsx?$/, '').replaceAll('/', '.');

const sha256 = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Records `inputs` (paths relative to the repository) as the sources of the bundle just built. */
export function writeBundleManifest(distDir, inputs, extra = {}) {
  const sources = {};
  for (const input of [...inputs].sort()) {
    const stat = fs.statSync(path.join(repositoryRoot, input));
    sources[input] = { size: stat.size, mtimeMs: stat.mtimeMs, sha256: sha256(path.join(repositoryRoot, input)) };
  }
  fs.writeFileSync(bundleManifest(distDir), JSON.stringify({ node: process.version, ...extra, sources }, null, 1));
}

/**
 * Why the bundle cannot be used (missing, or a source changed since it was built), or undefined when it can. A file
 * whose size and time match is taken as unchanged; one whose time moved (a checkout) is compared by its content, so a
 * branch switched there and back does not force the slower start.
 */
export function bundleStaleReason(distDir) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(bundleManifest(distDir), 'utf8'));
  } catch {
    return 'no compiled server in dist/';
  }
  if (!fs.existsSync(bundleEntry(distDir))) return 'no compiled server in dist/';
  for (const [input, recorded] of Object.entries(manifest.sources ?? {})) {
    const file = path.join(repositoryRoot, input);
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return `${input} was removed since the build`;
    }
    if (stat.size !== recorded.size) return `${input} changed since the build`;
    if (stat.mtimeMs !== recorded.mtimeMs && sha256(file) !== recorded.sha256) return `${input} changed since the build`;
  }
  return undefined;
}

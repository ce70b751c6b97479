// `concord overlaps run` and `concord overlaps list --json`.
import { parseArgs } from 'node:util';
import { systemActor } from '../../platform/actor.ts';
import { type CliCommand, UsageError } from '../../platform/module-manifest.ts';
import { progressBar } from '../../platform/progress.ts';
import { overlapMessages } from './messages.ts';
import { listOverlaps, runOverlaps } from './overlaps.ts';

const syntax = 'concord overlaps run | concord overlaps list --json';

export const overlapsCommand: CliCommand = {
  name: 'overlaps',
  usage: `overlaps run          find overlapping work across the whole register (replaces the candidates), with a
                        progress bar
  overlaps list --json  print every candidate pair, best first, reviewed ones with their state, as one JSON array`,
  async run(args, { withDatabase, stdout }) {
    const [what, ...rest] = args;
    const actor = systemActor('cli');
    if (what === 'run') {
      return withDatabase(async ({ db }) => {
        const bar = progressBar('Finding overlaps');
        const run = await runOverlaps(db, actor, { onProgress: bar });
        bar.finish();
        stdout.write(`Overlap run finished: ${run.entryCount} entries, ${run.pairCount} candidate pairs.\n`);
        return 0;
      });
    }
    if (what === 'list') {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
      if (!values.json) throw new UsageError('concord overlaps list --json (JSON is the only format so far)');
      return withDatabase(async ({ db }) => {
        const words = overlapMessages('en');
        const pairs = await listOverlaps(db, actor);
        const out = pairs.map((p) => ({
          a: { organization: p.a.organization, identifier: p.a.identifier, title: p.a.title },
          b: { organization: p.b.organization, identifier: p.b.identifier, title: p.b.title },
          score: Math.round(p.score * 1000) / 1000,
          reasons: p.reasons.map((r) => words.reason(r)),
          state: p.state,
        }));
        stdout.write(`${JSON.stringify(out)}\n`);
        return 0;
      });
    }
    throw new UsageError(syntax);
  },
};

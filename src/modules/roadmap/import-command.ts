// `concord import roadmap FILE --activity ACRONYM [--dry-run]`: the same import as the web's, with a progress bar.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor } from '../../platform/actor.ts';
import { type CliCommand, UsageError } from '../../platform/module-manifest.ts';
import { progressBar } from '../../platform/progress.ts';
import { getActivity } from '../activities/index.ts';
import { parseImportFile } from './import-files.ts';
import { importRoadmap } from './import.ts';

const syntax = 'concord import roadmap FILE --activity ACRONYM [--dry-run]';

export const importCommand: CliCommand = {
  name: 'import',
  usage: `${syntax}
                        import roadmap entries from a CSV, XLSX or JSON file; prints what it adds, changes
                        and refuses (line and column); writes nothing if any row is refused`,
  async run(args, { config, withDatabase, stdout }) {
    const [what, ...rest] = args;
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { activity: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
    const file = positionals[0];
    if (what !== 'roadmap' || !file || !values.activity) throw new UsageError(syntax);
    const acronym = values.activity;
    return withDatabase(async ({ db }) => {
      const actor = systemActor('cli');
      const activity = await getActivity(db, actor, acronym).catch(() => {
        throw new UsageError(`No activity has the acronym "${acronym}".`);
      });
      if (!fs.existsSync(file)) throw new UsageError(`No file at ${file}.`);
      process.stderr.write(`Reading ${file}…\n`);
      const parsed = await parseImportFile({ bytes: fs.readFileSync(file), fileName: path.basename(file) }, { locale: 'en', maxBytes: config.uploadMaxBytes });
      const bar = progressBar('Writing entries');
      const plan = await importRoadmap(db, actor, activity.id, { ...parsed, fileName: path.basename(file) }, { dryRun: values['dry-run'] ?? false, locale: 'en', onProgress: bar });
      if (plan.applied) bar.finish();
      const out = stdout;
      for (const e of plan.errors) out.write(`${e.line ? `line ${e.line}` : 'file'}${e.column ? `, column ${e.column}` : ''}: ${e.message}\n`);
      out.write(
        `${plan.applied ? 'Imported' : plan.errors.length ? 'Nothing imported' : 'Dry run, nothing written'}: ${plan.added.length} new, ${plan.changed.length} changed, ${plan.included.length} taken from other roadmaps, ${plan.unchanged} unchanged${plan.errors.length ? `, ${plan.errors.length} problems` : ''}.\n`,
      );
      if (plan.newOrganizations.length) out.write(`New organizations${plan.applied ? '' : ' (would be added)'}: ${plan.newOrganizations.join(', ')}\n`);
      return plan.errors.length ? 1 : 0;
    });
  },
};

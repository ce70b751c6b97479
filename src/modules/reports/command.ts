// `concord report generate --activity A --from … --to … --kind tsag|study-groups --lang en|fr`: a draft report for
// the period written from the records, as the web's "Write the draft" does, run as Concord itself. The text goes to
// standard output (or JSON with --json); the draft waits on the reports page for the secretariat to edit and release.
import { parseArgs } from 'node:util';
import { systemActor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { type CliCommand, UsageError } from '../../platform/module-manifest.ts';
import { getActivity } from '../activities/index.ts';
import { generateReport } from './reports.ts';

const syntax =
  'concord report generate --activity ACRONYM --from YYYY-MM-DD|meeting:N --to YYYY-MM-DD|meeting:N --kind tsag|study-groups --lang en|fr [--audience members|public] [--json]';

/** "2026-03-01" is a date, "meeting:3" (or "3") a meeting. */
function periodEnd(value: string | undefined, side: 'from' | 'to'): Record<string, string> {
  if (value === undefined) throw new UsageError(`--${side} is required: a date (YYYY-MM-DD) or a meeting (meeting:N).\n${syntax}`);
  const meeting = value.match(/^(?:meeting:)?(\d{1,6})$/);
  if (meeting) return { [`${side}Meeting`]: meeting[1]! };
  return { [`${side}Date`]: value };
}

export const reportCommand: CliCommand = {
  name: 'report',
  usage: `report generate --activity ACRONYM --from DATE|meeting:N --to DATE|meeting:N --kind tsag|study-groups
                        --lang en|fr [--audience members|public] [--json]
                        write a draft report for the period from the records`,
  async run(args, { withDatabase, stdout, modules }) {
    const [what, ...rest] = args;
    if (what !== 'generate') throw new UsageError(syntax);
    const { values } = parseArgs({
      args: rest,
      options: { activity: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, kind: { type: 'string' }, lang: { type: 'string' }, audience: { type: 'string' }, json: { type: 'boolean' } },
    });
    if (!values.activity) throw new UsageError(syntax);
    const kind = values.kind === 'study-groups' ? 'study_groups' : values.kind;
    if (kind !== 'tsag' && kind !== 'study_groups') throw new UsageError(`--kind: tsag or study-groups, not ${values.kind ?? '(none)'}`);
    if (values.lang !== 'en' && values.lang !== 'fr') throw new UsageError(`--lang: en or fr, not ${values.lang ?? '(none)'}`);
    if (values.audience && values.audience !== 'members' && values.audience !== 'public') throw new UsageError(`--audience: members or public, not ${values.audience}`);
    const input = { kind, language: values.lang, audience: values.audience ?? 'members', ...periodEnd(values.from, 'from'), ...periodEnd(values.to, 'to') };
    if (!modules) throw new Error('The report command needs the list of modules.');
    const locale = values.lang;
    return withDatabase(async ({ db }) => {
      const actor = systemActor('cli');
      try {
        const activity = await getActivity(db, actor, values.activity!);
        const report = await generateReport(db, actor, modules, activity, input, locale);
        stdout.write(values.json ? `${JSON.stringify({ id: report.id, kind: report.kind, language: report.language, status: report.status, body: report.body })}\n` : `${report.body}\n`);
        return 0;
      } catch (error) {
        if (error instanceof AppError && error.code === 'not_found') throw new UsageError(`No activity ${values.activity}.`);
        if (error instanceof AppError && error.code === 'validation_failed') {
          const fields = Object.entries(error.details.fields ?? {}).map(([field, message]) => `--${field.replace(/(Date|Meeting)$/, '').replace(/^language$/, 'lang')}: ${message}`);
          throw new UsageError(fields.length ? fields.join('\n') : (error.message ?? 'invalid'));
        }
        throw error;
      }
    });
  },
};

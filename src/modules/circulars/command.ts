// `concord check-circular FILE --activity ACRONYM [--meeting N|none] [--json] [--lang en|fr]`: the checker for a
// secretariat working from files, run as the system (the records are read whole; nothing is written).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderDocx } from '../../platform/documents/docx.ts';
import { renderPdf } from '../../platform/documents/pdf-file.ts';
import { systemActor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { type CliCommand, UsageError } from '../../platform/module-manifest.ts';
import { getActivity } from '../activities/index.ts';
import { checkDraftCircular } from './check.ts';
import { circularKinds, type CircularKind, circularModel, generateCircular } from './generate.ts';
import { circularMessages } from './messages.ts';
import { meetingChoice } from './facts.ts';

const maxBytes = 50 * 1024 * 1024;

export const checkCircularCommand: CliCommand = {
  name: 'check-circular',
  usage: `check-circular FILE --activity ACRONYM [--meeting N|none] [--json] [--lang en|fr]
                        check a draft circular (DOCX, PDF or text) against the records; exits with 1 on an error`,
  async run(args, { withDatabase, stdout }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { activity: { type: 'string' }, meeting: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' } },
    });
    const [file] = positionals;
    if (!file || !values.activity || positionals.length > 1) throw new UsageError('concord check-circular FILE --activity ACRONYM [--meeting N|none] [--json] [--lang en|fr]');
    const locale = values.lang === 'fr' ? 'fr' : 'en';
    const m = circularMessages(locale);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) throw new UsageError(`${file}: no such file`);
    if (stat.size > maxBytes) throw new UsageError(`${file}: larger than ${maxBytes / 1024 / 1024} MB`);
    const bytes = fs.readFileSync(file);
    return withDatabase(async ({ db }) => {
      const actor = systemActor('cli');
      try {
        const activity = await getActivity(db, actor, values.activity!);
        const result = await checkDraftCircular(db, actor, activity, { bytes, fileName: path.basename(file) }, { meeting: meetingChoice(values.meeting, locale), locale });
        const errors = result.findings.filter((f) => f.severity === 'error').length;
        if (values.json) {
          stdout.write(`${JSON.stringify(result.findings.map((f) => ({ severity: f.severity, kind: f.detail.kind, where: f.where, excerpt: f.excerpt, message: m.finding_(f.detail, locale) })))}\n`);
        } else {
          stdout.write(`${m.checkedAgainst(activity.acronym, result.meeting)}\n`);
          for (const f of result.findings) stdout.write(`${m.cliLine(m.whereText(f.where), m.severity[f.severity], m.finding_(f.detail, locale))}\n`);
          stdout.write(`${result.findings.length ? m.summary(errors, result.findings.length - errors) : m.noFindings}\n`);
        }
        return errors ? 1 : 0;
      } catch (error) {
        if (error instanceof AppError && (error.code === 'not_found' || error.code === 'validation_failed')) {
          throw new UsageError(error.code === 'not_found' ? `No activity ${values.activity} with meeting ${values.meeting ?? '(next)'}.` : (error.message ?? 'unreadable file'));
        }
        throw error;
      }
    });
  },
};

const generateSyntax = 'concord circular generate --activity ACRONYM --out FILE.docx|FILE.pdf [--kind announce|convene] [--lang en|fr] [--meeting N|none] [--number N] [--date YYYY-MM-DD]';

/** `concord circular generate`: the circular written from the records, as a DOCX or PDF file, and what it lacks. */
export const circularCommand: CliCommand = {
  name: 'circular',
  usage: `circular generate --activity ACRONYM --out FILE.docx|.pdf [--kind announce|convene] [--lang en|fr]
                        [--meeting N|none] [--number N] [--date YYYY-MM-DD]
                        write a circular from the records; lists the facts the records lack`,
  async run(args, { withDatabase, stdout }) {
    const [what, ...rest] = args;
    if (what !== 'generate') throw new UsageError(generateSyntax);
    const { values } = parseArgs({
      args: rest,
      options: { activity: { type: 'string' }, out: { type: 'string' }, kind: { type: 'string' }, lang: { type: 'string' }, meeting: { type: 'string' }, number: { type: 'string' }, date: { type: 'string' } },
    });
    const format = values.out?.toLowerCase().endsWith('.pdf') ? 'pdf' : values.out?.toLowerCase().endsWith('.docx') ? 'docx' : undefined;
    if (!values.activity || !values.out || !format) throw new UsageError(generateSyntax);
    const kind = values.kind ?? 'announce';
    if (!(circularKinds as readonly string[]).includes(kind)) throw new UsageError(`--kind: announce or convene, not ${kind}`);
    if (values.lang && values.lang !== 'en' && values.lang !== 'fr') throw new UsageError(`--lang: en or fr, not ${values.lang}`);
    if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError('--date: YYYY-MM-DD');
    const locale = values.lang === 'fr' ? 'fr' : 'en';
    return withDatabase(async ({ db }) => {
      const actor = systemActor('cli');
      let activity;
      try {
        activity = await getActivity(db, actor, values.activity!);
      } catch {
        throw new UsageError(`No activity ${values.activity}.`);
      }
      const circular = await generateCircular(db, activity, { kind: kind as CircularKind, locale, meeting: meetingChoice(values.meeting, locale), number: values.number ?? null, date: values.date });
      const model = circularModel(circular);
      const bytes = format === 'docx' ? await renderDocx(model) : await renderPdf(model);
      fs.writeFileSync(values.out!, bytes);
      const m = circularMessages(locale);
      stdout.write(`${values.out}\n`);
      if (circular.missing.length) stdout.write(`${m.missingTitle(circular.missing.length)}\n${circular.missing.map((w) => `- ${w}\n`).join('')}`);
      return 0;
    });
  },
};

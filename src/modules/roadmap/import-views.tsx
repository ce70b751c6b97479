import type { ViewContext } from '../../platform/http/context.ts';
import { Actions, PostForm } from '../../platform/web/components.tsx';
import { type Activity, ActivityFrame } from '../activities/index.ts';
import type { ImportColumn } from './import-files.ts';
import type { ImportPlan } from './import.ts';
import { roadmapMessages } from './messages.ts';

const base = (a: Activity) => `/activities/${encodeURIComponent(a.acronym)}/roadmap`;

const words = {
  en: {
    title: 'Import roadmap entries',
    intro:
      'Upload a CSV (UTF-8), XLSX or JSON file with one entry per row. Columns: organization, identifier and title are required; group, equivalents (the same text’s numbers at other bodies, separated by ; or |), kind, status, started, target, approved, year, version, editors, scope, topics (separated by ;), url and source are optional. Nothing is written until you confirm.',
    file: 'File',
    check: 'Check the file',
    planTitle: (file: string) => `What importing ${file} would do`,
    added: (n: number) => `${n} new`,
    changed: (n: number) => `${n} changed`,
    included: (n: number) => `${n} taken from other roadmaps`,
    unchanged: (n: number) => `${n} unchanged`,
    newOrganizations: 'Organizations that will be added to the register',
    errors: (n: number) => (n === 1 ? '1 problem: fix it in the file and check it again. Nothing has been imported.' : `${n} problems: fix them in the file and check it again. Nothing has been imported.`),
    line: 'Line',
    column: 'Column',
    problem: 'Problem',
    confirm: 'Import now',
    another: 'Check another file',
    columns: 'Columns read',
    ignored: 'not imported',
    field: 'Field',
    changes: 'Changes',
    noFile: 'choose a file to import.',
    emptyFile: 'the file is empty.',
    expired: 'This checked file is no longer waiting to be imported. Upload it again.',
    done: (added: number, changed: number) => `Import done: ${added} new entries, ${changed} changed or taken from other roadmaps.`,
    import: 'Import a file',
  },
  fr: {
    title: 'Importer des entrées',
    intro:
      'Téléversez un fichier CSV (UTF-8), XLSX ou JSON avec une entrée par ligne. Colonnes : organization, identifier et title sont obligatoires ; group, equivalents (les numéros du même texte chez d’autres organismes, séparés par « ; » ou « | »), kind, status, started, target, approved, year, version, editors, scope, topics (séparés par « ; »), url et source sont facultatives. Rien n’est enregistré avant votre confirmation.',
    file: 'Fichier',
    check: 'Vérifier le fichier',
    planTitle: (file: string) => `Ce que ferait l’import de ${file}`,
    added: (n: number) => `${n} nouvelle(s)`,
    changed: (n: number) => `${n} modifiée(s)`,
    included: (n: number) => `${n} reprise(s) d’autres feuilles de route`,
    unchanged: (n: number) => `${n} inchangée(s)`,
    newOrganizations: 'Organisations qui seront ajoutées au registre',
    errors: (n: number) => (n === 1 ? '1 problème : corrigez-le dans le fichier et vérifiez-le de nouveau. Rien n’a été importé.' : `${n} problèmes : corrigez-les dans le fichier et vérifiez-le de nouveau. Rien n’a été importé.`),
    line: 'Ligne',
    column: 'Colonne',
    problem: 'Problème',
    confirm: 'Importer maintenant',
    another: 'Vérifier un autre fichier',
    columns: 'Colonnes lues',
    ignored: 'non importée',
    field: 'Champ',
    changes: 'Modifications',
    noFile: 'choisissez un fichier à importer.',
    emptyFile: 'le fichier est vide.',
    expired: 'Ce fichier vérifié n’est plus en attente d’import. Téléversez-le de nouveau.',
    done: (added: number, changed: number) => `Import terminé : ${added} nouvelles entrées, ${changed} modifiées ou reprises d’autres feuilles de route.`,
    import: 'Importer un fichier',
  },
};

export const importWords = (locale: 'en' | 'fr') => words[locale];

export function ImportPage(props: { ctx: ViewContext; activity: Activity; message?: string }) {
  const { ctx, activity: a } = props;
  const w = importWords(ctx.locale);
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="roadmap" title={w.title}>
      <h2>{w.title}</h2>
      <p>{w.intro}</p>
      {props.message ? (
        <div class="error-summary" role="alert">
          <p>{props.message}</p>
        </div>
      ) : null}
      <form method="post" action={`${base(a)}/import`} enctype="multipart/form-data" class="form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class="field">
          <label for="import-file">{w.file}</label>
          <input id="import-file" type="file" name="file" required accept=".csv,.xlsx,.json,text/csv,application/json" />
        </div>
        <Actions>
          <button type="submit">{w.check}</button>
        </Actions>
      </form>
    </ActivityFrame>
  );
}

export function ImportPlanPage(props: { ctx: ViewContext; activity: Activity; plan: ImportPlan; fileName: string; token: string; columns: ImportColumn[] }) {
  const { ctx, activity: a, plan } = props;
  const w = importWords(ctx.locale);
  const m = roadmapMessages(ctx.locale);
  const label = (field: string) => (m as unknown as Record<string, string>)[field === 'title' ? 'entryTitle' : field] ?? field;
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="roadmap" title={w.title}>
      <h2>{w.planTitle(props.fileName)}</h2>
      {plan.errors.length ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h3>{w.errors(plan.errors.length)}</h3>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{w.line}</th>
                  <th scope="col">{w.column}</th>
                  <th scope="col">{w.problem}</th>
                </tr>
              </thead>
              <tbody>
                {plan.errors.map((e) => (
                  <tr>
                    <td>{e.line || '—'}</td>
                    <td>{e.column ?? '—'}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <a href={`${base(a)}/import`}>{w.another}</a>
          </p>
        </div>
      ) : null}
      <ul class="plan-counts">
        <li>{w.added(plan.added.length)}</li>
        <li>{w.changed(plan.changed.length)}</li>
        <li>{w.included(plan.included.length)}</li>
        <li>{w.unchanged(plan.unchanged)}</li>
      </ul>
      {plan.newOrganizations.length ? (
        <p>
          <strong>{w.newOrganizations}:</strong> {plan.newOrganizations.join(', ')}
        </p>
      ) : null}
      {plan.errors.length ? null : (
        <PostForm ctx={ctx} action={`${base(a)}/import/apply`}>
          <input type="hidden" name="token" value={props.token} />
          <input type="hidden" name="fileName" value={props.fileName} />
          <Actions>
            <button type="submit">{w.confirm}</button>
            <a href={`${base(a)}/import`}>{w.another}</a>
          </Actions>
        </PostForm>
      )}
      {plan.changed.length ? (
        <details open={plan.changed.length <= 20}>
          <summary>{w.changed(plan.changed.length)}</summary>
          <div class="table-wrap">
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{w.line}</th>
                  <th scope="col">{m.identifier}</th>
                  <th scope="col">{w.changes}</th>
                </tr>
              </thead>
              <tbody>
                {plan.changed.slice(0, 500).map((c) => (
                  <tr>
                    <td>{c.line}</td>
                    <td>{c.identifier}</td>
                    <td>
                      <ul class="change-list">
                        {c.changes.map((x) => (
                          <li>
                            <strong>{label(x.field)}</strong>
                            {ctx.t.colon}
                            <del>{Array.isArray(x.before) ? x.before.join('; ') : String(x.before ?? '—')}</del> →{' '}
                            <ins>{Array.isArray(x.after) ? x.after.join('; ') : String(x.after ?? '—')}</ins>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
      {plan.added.length ? (
        <details open={plan.added.length <= 20}>
          <summary>{w.added(plan.added.length)}</summary>
          <ul>
            {plan.added.slice(0, 500).map((x) => (
              <li>
                {x.organization} {x.identifier} — {x.title}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <h3>{w.columns}</h3>
      <ul>
        {props.columns.map((c) => (
          <li>
            {c.header} → {c.field ? label(c.field) : <em>{w.ignored}</em>}
          </li>
        ))}
      </ul>
    </ActivityFrame>
  );
}

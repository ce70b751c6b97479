// The checker's pages: the upload form, and the findings, each with where it is, its severity and its words.
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, valueOf } from '../../platform/http/forms.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { Actions, ErrorSummary, PostForm, TextArea, TextField } from '../../platform/web/components.tsx';
import { type Activity, ActivityFrame } from '../activities/index.ts';
import type { Finding } from './checker.ts';
import { circularKinds, type CircularKind, type CircularText } from './generate.ts';
import type { CircularProfile } from './profile.ts';
import { generatorMessages } from './generator-messages.ts';
import { circularMessages } from './messages.ts';

export const checkPath = (a: Activity) => `/activities/${encodeURIComponent(a.acronym)}/circulars/check`;

type MeetingChoice = { number: number; title: string };

export function CheckPage(props: { ctx: ViewContext; activity: Activity; meetings: MeetingChoice[]; selected?: number | null; message?: string }) {
  const { ctx, activity: a } = props;
  const m = circularMessages(ctx.locale);
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="documents" title={m.checkTitle}>
      <h2>{m.checkTitle}</h2>
      <p>{m.checkIntro}</p>
      {props.message ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <p>
            <a href="#draft-file">{m.file}</a>: {props.message}
          </p>
        </div>
      ) : null}
      <form method="post" action={checkPath(a)} enctype="multipart/form-data" class="form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class="field">
          <label for="draft-file">{m.file}</label>
          <p class="hint" id="draft-file-hint">
            {m.fileHint}
          </p>
          <input id="draft-file" type="file" name="file" required aria-describedby="draft-file-hint" accept=".docx,.pdf,.txt,application/pdf,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document" />
        </div>
        <div class="field">
          <label for="draft-meeting">{m.meeting}</label>
          <select id="draft-meeting" name="meeting">
            <option value="" selected={props.selected === undefined}>
              {m.nextMeeting}
            </option>
            {props.meetings.map((meeting) => (
              <option value={String(meeting.number)} selected={props.selected === meeting.number}>
                {meeting.number}. {meeting.title}
              </option>
            ))}
            <option value="none" selected={props.selected === null}>
              {m.noMeeting}
            </option>
          </select>
        </div>
        <Actions>
          <button type="submit">{m.check}</button>
        </Actions>
      </form>
    </ActivityFrame>
  );
}

export function FindingsPage(props: { ctx: ViewContext; activity: Activity; fileName: string; meeting: number | null; findings: Finding[] }) {
  const { ctx, activity: a, findings } = props;
  const m = circularMessages(ctx.locale);
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="documents" title={m.checkTitle}>
      <h2>{m.results(props.fileName)}</h2>
      <p>{m.checkedAgainst(a.acronym, props.meeting)}</p>
      {findings.length ? (
        <>
          <p role="status" class={errors ? 'error-text' : undefined}>
            {m.summary(errors, findings.length - errors)}
          </p>
          <div class="table-wrap">
            <table class="findings">
              <thead>
                <tr>
                  <th scope="col">{m.where}</th>
                  <th scope="col">{m.finding}</th>
                  <th scope="col">{m.excerpt}</th>
                </tr>
              </thead>
              <tbody>
                {findings.map((f) => (
                  <tr class={`finding finding-${f.severity}`}>
                    <td data-label={m.where}>{m.whereText(f.where)}</td>
                    <td data-label={m.finding}>
                      <strong>{m.severity[f.severity]}</strong> {m.finding_(f.detail, ctx.locale)}
                    </td>
                    <td data-label={m.excerpt}>
                      <q>{f.excerpt}</q>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p role="status">{m.noFindings}</p>
      )}
      <p>
        <a href={checkPath(a)}>{m.checkAnother}</a>
      </p>
    </ActivityFrame>
  );
}

export const circularsPath = (a: Activity) => `/activities/${encodeURIComponent(a.acronym)}/circulars`;
export const circularDraftPath = (a: Activity, id: number, lang?: Locale) => `${circularsPath(a)}/drafts/${id}${lang ? `?lang=${lang}` : ''}`;

/** A circular in the list: its number once issued, else its draft's. */
export type CircularSummary = { id: number; status: 'draft' | 'issued'; kind: CircularKind; tsbNumber: string | null; subject: string };

export type DraftQuery = { kind: CircularKind; lang: Locale; meeting: string; number: string; date: string };
const draftHref = (a: Activity, q: DraftQuery, suffix = '') =>
  `${circularsPath(a)}/draft${suffix}?${new URLSearchParams({ kind: q.kind, lang: q.lang, meeting: q.meeting, number: q.number, date: q.date }).toString()}`;

/** The circulars' home: write one (kind, language, meeting, number, date), the facts, the checker. */
export function CircularsPage(props: { ctx: ViewContext; activity: Activity; meetings: MeetingChoice[]; query: DraftQuery; circulars: CircularSummary[] }) {
  const { ctx, activity: a, query } = props;
  const m = circularMessages(ctx.locale);
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="documents" title={m.circulars}>
      <h2>{m.circulars}</h2>
      <p>{m.circularsIntro}</p>
      <h3>{m.draftsTitle}</h3>
      {props.circulars.length ? (
        <ul class="links circular-drafts">
          {props.circulars.map((c) => (
            <li>
              <a href={circularDraftPath(a, c.id)}>{c.tsbNumber ? generatorMessages(ctx.locale).reference(c.tsbNumber) : m.draftLabel(c.id)}</a>
              {' · '}
              {m.statuses[c.status]} · {m.kinds[c.kind]} · {c.subject}
            </li>
          ))}
        </ul>
      ) : (
        <p>{m.noDrafts}</p>
      )}
      <ul class="links">
        <li>
          <a href={`${circularsPath(a)}/facts`}>{m.factsTitle}</a>
        </li>
        <li>
          <a href={checkPath(a)}>{m.checkLink}</a>
        </li>
      </ul>
      <h3>{m.writeTitle}</h3>
      <form method="get" action={`${circularsPath(a)}/draft`} class="form">
        <div class="field">
          <label for="c-kind">{m.kind}</label>
          <select id="c-kind" name="kind">
            {circularKinds.map((k) => (
              <option value={k} selected={query.kind === k}>
                {m.kinds[k]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="c-lang">{m.language}</label>
          <select id="c-lang" name="lang">
            {(['en', 'fr'] as const).map((l) => (
              <option value={l} selected={query.lang === l}>
                {m.languages[l]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="c-meeting">{m.meeting}</label>
          <select id="c-meeting" name="meeting">
            <option value="">{m.nextMeeting}</option>
            {props.meetings.map((meeting) => (
              <option value={String(meeting.number)} selected={query.meeting === String(meeting.number)}>
                {meeting.number}. {meeting.title}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="c-number">{m.number}</label>
          <p class="hint" id="c-number-hint">
            {m.numberHint}
          </p>
          <input id="c-number" name="number" value={query.number} maxLength={20} aria-describedby="c-number-hint" inputMode="numeric" />
        </div>
        <div class="field">
          <label for="c-date">{m.date}</label>
          <input id="c-date" name="date" type="date" value={query.date} />
        </div>
        <Actions>
          <button type="submit">{m.write}</button>
        </Actions>
      </form>
    </ActivityFrame>
  );
}

/** A generated circular as text, with what the records lack listed first and the downloads. */
export function DraftPage(props: { ctx: ViewContext; activity: Activity; circular: CircularText; query: DraftQuery }) {
  const { ctx, activity: a, circular: c, query } = props;
  const m = circularMessages(ctx.locale);
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="documents" title={m.draftTitle(m.kinds[c.kind])}>
      <h2>{m.draftTitle(m.kinds[c.kind])}</h2>
      {c.missing.length ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h3>{m.missingTitle(c.missing.length)}</h3>
          <ul>
            {c.missing.map((what) => (
              <li>{what}</li>
            ))}
          </ul>
          <p>{m.missingIntro}</p>
        </div>
      ) : (
        <p role="status">{m.complete}</p>
      )}
      <p>
        {m.download}: <a href={draftHref(a, query, '.docx')}>DOCX</a> · <a href={draftHref(a, query, '.pdf')}>PDF</a>
      </p>
      <PostForm ctx={ctx} action={`${circularsPath(a)}/drafts`} class="form keep-draft">
        <input type="hidden" name="kind" value={query.kind} />
        <input type="hidden" name="meeting" value={query.meeting} />
        <input type="hidden" name="date" value={query.date} />
        <input type="hidden" name="lang" value={query.lang} />
        <p class="hint">{m.keepDraftHint}</p>
        <Actions>
          <button type="submit">{m.keepDraft}</button>
        </Actions>
      </PostForm>
      <Letter circular={c} />
      <p>
        <a href={circularsPath(a)}>{m.writeTitle}</a>
      </p>
    </ActivityFrame>
  );
}

/** The letter as the page shows it, in its own language whatever the page's: the draft, the edit page's issued text. */
export function Letter(props: { circular: CircularText }) {
  const c = props.circular;
  const g = generatorMessages(c.locale);
  return (
    <article class="letter" lang={c.locale}>
      <p>{c.placeAndDate}</p>
      <dl class="facts">
        {c.details.map((d) => (
          <>
            <dt>{d.label}</dt>
            <dd>{d.value}</dd>
          </>
        ))}
      </dl>
      <p>{g.labels.to}</p>
      <ul>
        {c.addressees.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <p>{g.labels.copy}</p>
      <ul>
        {c.copies.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <p>
        {g.labels.subject}
        {c.locale === 'fr' ? '\u202f: ' : ': '}
        <strong>{c.subject}</strong>
      </p>
      <p>{c.opening}</p>
      {c.paragraphs.map((p) => (
        <>
          <p>
            {p.number ? <span class="number">{p.number} </span> : null}
            {p.text}
          </p>
          {p.rows.length ? (
            <table>
              <tbody>
                {p.rows.map(([date, what]) => (
                  <tr>
                    <td>{date}</td>
                    <td>{what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ))}
      {c.closing.map((line) => (
        <p>{line}</p>
      ))}
      {[c.annexA, c.annexB].map((annex) =>
        annex ? (
          <section>
            <h3>{annex.title}</h3>
            {annex.items.map((i) => (
              <p>
                {i.number ? <span class="number">{i.number} </span> : null}
                {i.text}
              </p>
            ))}
          </section>
        ) : null,
      )}
    </article>
  );
}

const profileFields = ['foundedFrom', 'foundedTo', 'recommendationEn', 'recommendationFr', 'resolutionEn', 'resolutionFr', 'signatoryName', 'signatoryTitleEn', 'signatoryTitleFr', 'contactName', 'telephone', 'fax', 'email', 'addresseesEn', 'addresseesFr', 'copiesEn', 'copiesFr'] as const;

export function FactsPage(props: { ctx: ViewContext; activity: Activity; profile: CircularProfile } & FormState) {
  const { ctx, activity: a, profile } = props;
  const m = circularMessages(ctx.locale);
  const value = (name: (typeof profileFields)[number]) => (props.values ? valueOf(props.values, name) : (profile[name] ?? undefined)) ?? '';
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="documents" title={m.factsTitle}>
      <h2>{m.factsTitle}</h2>
      <p>{m.factsIntro}</p>
      <ErrorSummary ctx={ctx} errors={props.errors} labels={m.fields} message={props.message} />
      <PostForm ctx={ctx} action={`${circularsPath(a)}/facts`} warnUnsaved>
        {profileFields.map((name) =>
          name.startsWith('addressees') || name.startsWith('copies') ? (
            <TextArea ctx={ctx} name={name} label={m.fields[name]} value={value(name)} error={props.errors?.[name]} rows={4} maxLength={4000} />
          ) : (
            <TextField ctx={ctx} name={name} label={m.fields[name]} value={value(name)} error={props.errors?.[name]} type={name.startsWith('founded') ? 'date' : name === 'email' ? 'email' : name === 'telephone' || name === 'fax' ? 'tel' : 'text'} />
          ),
        )}
        <Actions>
          <button type="submit">{m.saveFacts}</button>
        </Actions>
      </PostForm>
    </ActivityFrame>
  );
}

// A kept circular's page: the letter of one language as editable text (every paragraph its own field; works without
// JavaScript), its downloads, then issuing under TSB's number (secretariat) and sending to the list; once issued, the
// letter as issued with its files.
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, listOf, valueOf } from '../../platform/http/forms.ts';
import { formatDate, type Locale } from '../../platform/i18n/locale.ts';
import { Actions, ErrorSummary, PostForm, TextArea, TextField } from '../../platform/web/components.tsx';
import { type Activity, ActivityFrame } from '../activities/index.ts';
import type { Circular } from './circular-drafts.ts';
import { editValuesOf } from './circular-text.ts';
import { generatorMessages } from './generator-messages.ts';
import { circularMessages } from './messages.ts';
import { circularDraftPath, circularsPath, Letter } from './views.tsx';

/** A file of the issued circular's document, with where it is downloaded. */
export type IssuedFile = { fileName: string; href: string };

export type CircularPageProps = {
  ctx: ViewContext;
  activity: Activity;
  circular: Circular;
  language: Locale;
  canIssue: boolean;
  files: IssuedFile[];
  announcementHref: string | null;
  /** which form failed, with what was typed in it */
  failed?: 'text' | 'issue' | 'send';
} & FormState;

/** One textarea of a repeated field (the paragraphs, the annexes' items), with its own id so its label points at it. */
function RepeatedText(props: { id: string; name: string; label: string; value: string; rows?: number }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <textarea id={props.id} name={props.name} rows={props.rows ?? 4} maxLength={6000}>
        {props.value}
      </textarea>
    </div>
  );
}

export function CircularPage(props: CircularPageProps) {
  const { ctx, activity: a, circular, language } = props;
  const m = circularMessages(ctx.locale);
  const text = circular.texts[language];
  const f = m.editFields;
  const failed = (form: CircularPageProps['failed']) => props.failed === form;
  // What was typed stays in the form that failed; the others show what is saved.
  const saved = editValuesOf(text);
  const typed = failed('text') ? props.values : undefined;
  const value = (name: 'placeAndDate' | 'subject' | 'opening' | 'closing' | 'addressees' | 'copies') => (typed ? (valueOf(typed, name) ?? '') : saved[name]);
  const repeated = (name: 'paragraphs' | 'annexA' | 'annexB', i: number) => (typed ? (listOf(typed, name)[i] ?? '') : saved[name][i]!);
  const issued = circular.status === 'issued';
  // The number is entered when issuing, not in the text: a kept draft does not list it as missing.
  const missing = text.missing.filter((what) => what !== generatorMessages(language).facts.number);
  const reference = circular.tsbNumber ? generatorMessages(ctx.locale).reference(circular.tsbNumber) : null;
  const title = issued && reference ? reference : m.editTitle(m.kinds[circular.kind]);
  const letterHref = (format: 'docx' | 'pdf') => `${circularsPath(a)}/drafts/${circular.id}/letter.${format}?lang=${language}`;
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="documents" title={title}>
      <h2>{title}</h2>
      <p>
        <a href={circularsPath(a)}>{m.circulars}</a> · {m.statuses[circular.status]}
      </p>
      <nav aria-label={m.language}>
        <ul class="links">
          {(['en', 'fr'] as const).map((l) => (
            <li>
              {l === language ? (
                <strong aria-current="page">{m.textIn(m.languages[l])}</strong>
              ) : (
                <a href={circularDraftPath(a, circular.id, l)} hreflang={l}>
                  {m.textIn(m.languages[l])}
                </a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {issued ? (
        <IssuedPart {...props} reference={reference!} />
      ) : (
        <>
          {missing.length ? (
            <div class="error-summary" role="alert" tabIndex={-1}>
              <h3>{m.missingTitle(missing.length)}</h3>
              <ul>
                {missing.map((what) => (
                  <li>{what}</li>
                ))}
              </ul>
              <p>{m.draftMissingIntro}</p>
            </div>
          ) : null}
          <PostForm ctx={ctx} action={`${circularsPath(a)}/drafts/${circular.id}/rewrite/${language}`} class="form circular-rewrite">
            <button type="submit" class="button-secondary">
              {m.rewrite(m.languages[language])}
            </button>
          </PostForm>
          <p>
            {m.previewIn}: <a href={letterHref('docx')}>DOCX</a> · <a href={letterHref('pdf')}>PDF</a>
          </p>
          <h3 id="field-text" tabIndex={-1}>{m.textIn(m.languages[language])}</h3>
          <p>{m.editIntro}</p>
          {failed('text') ? <ErrorSummary ctx={ctx} errors={props.errors} labels={f as unknown as Record<string, string>} message={props.message} /> : null}
          <PostForm ctx={ctx} action={`${circularsPath(a)}/drafts/${circular.id}/text/${language}`} class="form circular-text" warnUnsaved>
            <div lang={language}>
              <TextField ctx={ctx} required name="placeAndDate" label={f.placeAndDate} value={value('placeAndDate')} error={typed ? props.errors?.placeAndDate : undefined} maxLength={200} />
              <dl class="facts">
                {text.details.map((d) => (
                  <>
                    <dt>{d.label}</dt>
                    <dd>{d.value}</dd>
                  </>
                ))}
              </dl>
              <TextArea ctx={ctx} required name="addressees" label={f.addressees} value={value('addressees')} error={typed ? props.errors?.addressees : undefined} rows={4} maxLength={4000} />
              <TextArea ctx={ctx} name="copies" label={f.copies} value={value('copies')} error={typed ? props.errors?.copies : undefined} rows={4} maxLength={4000} />
              <TextField ctx={ctx} required name="subject" label={f.subject} value={value('subject')} error={typed ? props.errors?.subject : undefined} maxLength={500} />
              <TextField ctx={ctx} required name="opening" label={f.opening} value={value('opening')} error={typed ? props.errors?.opening : undefined} maxLength={200} />
              {text.paragraphs.map((p, i) => (
                <>
                  <RepeatedText id={`paragraph-${i + 1}`} name="paragraphs" label={f.paragraph(p.number)} value={repeated('paragraphs', i)} rows={p.text.length > 300 ? 7 : 4} />
                  {p.rows.length ? (
                    <div class="table-wrap">
                      <table>
                        <caption>{m.tableFollows}</caption>
                        <tbody>
                          {p.rows.map(([date, what]) => (
                            <tr>
                              <td>{date}</td>
                              <td>{what}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  ) : null}
                </>
              ))}
              <TextArea ctx={ctx} required name="closing" label={f.closing} value={value('closing')} error={typed ? props.errors?.closing : undefined} rows={3} maxLength={1000} />
              {[
                ['annexA', text.annexA] as const,
                ['annexB', text.annexB] as const,
              ].map(([name, annex]) =>
                annex ? (
                  <fieldset>
                    <legend>{annex.title}</legend>
                    {annex.items.map((item, i) => (
                      <RepeatedText id={`${name}-${i + 1}`} name={name} label={f.annexItem(annex.title.split(/[:\u202f]/)[0]!.trim(), item.number)} value={repeated(name, i)} rows={3} />
                    ))}
                  </fieldset>
                ) : null,
              )}
            </div>
            <Actions>
              <button type="submit">{m.saveText}</button>
            </Actions>
          </PostForm>
          <h3>{m.issueTitle}</h3>
          {props.canIssue ? (
            <>
              <p>{m.issueIntro}</p>
              {failed('issue') || failed('send') ? <ErrorSummary ctx={ctx} errors={props.errors} labels={{ number: f.number, meeting: f.meeting, text: f.text }} message={Object.keys(props.errors ?? {}).length ? undefined : props.message} /> : null}
              <PostForm ctx={ctx} action={`${circularsPath(a)}/drafts/${circular.id}/issue`} class="form circular-issue">
                <TextField
                  ctx={ctx}
                  required
                  name="number"
                  label={f.number}
                  hint={m.numberHint}
                  value={failed('issue') ? (valueOf(props.values, 'number') ?? '') : ''}
                  error={failed('issue') ? props.errors?.number : undefined}
                  maxLength={20}
                />
                <Actions>
                  <button type="submit">{m.issueAction}</button>
                </Actions>
              </PostForm>
            </>
          ) : (
            <p>{m.onlySecretariatIssues}</p>
          )}
        </>
      )}
    </ActivityFrame>
  );
}

function IssuedPart(props: CircularPageProps & { reference: string }) {
  const { ctx, activity: a, circular, language } = props;
  const m = circularMessages(ctx.locale);
  return (
    <>
      <p role="status">{m.issuedAs(props.reference, formatDate(circular.issuedAt!.toISOString().slice(0, 10), ctx.locale))}</p>
      <h3>{m.issuedDocument}</h3>
      <ul class="links">
        {props.files.map((file) => (
          <li>
            <a href={file.href}>{file.fileName}</a>
          </li>
        ))}
      </ul>
      <h3>{m.sendTitle}</h3>
      {props.failed === 'send' ? <ErrorSummary ctx={ctx} message={props.message} /> : null}
      {circular.sentAt ? (
        <p>
          {m.sentOn(formatDate(circular.sentAt.toISOString().slice(0, 10), ctx.locale))} {props.announcementHref ? <a href={props.announcementHref}>{m.viewAnnouncement}</a> : null}
        </p>
      ) : props.canIssue ? (
        <>
          <p>{m.sendIntro}</p>
          <PostForm ctx={ctx} action={`${circularsPath(a)}/drafts/${circular.id}/send`} class="form circular-send">
            <Actions>
              <button type="submit">{m.sendAction}</button>
            </Actions>
          </PostForm>
        </>
      ) : (
        <p>{m.onlySecretariatIssues}</p>
      )}
      <Letter circular={circular.texts[language]} />
    </>
  );
}

// Pages of the mailing list: the list and its archive, the announcement form, one announcement with its delivery,
// and the pages behind the confirmation and unsubscribe links.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/http/context.ts';
import { type FormState, valueOf } from '../../platform/http/forms.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { Actions, Checkbox, ErrorSummary, Facts, FileField, PostForm, TextArea, TextField } from '../../platform/web/components.tsx';
import { Layout } from '../../platform/web/layout.tsx';
import { type Activity, ActivityFrame } from '../activities/index.ts';
import { type Announcement, announcementPath, type DeliveryReport } from './announcements.ts';
import { listPagePath, type ListOverview } from './lists.ts';
import { listMessages } from './messages.ts';
import { canList } from './policy.ts';

export function MailingListPage(props: { ctx: ViewContext; activity: Activity; overview: ListOverview; archive: Announcement[] } & FormState) {
  const { ctx, activity: a, overview } = props;
  const m = listMessages(ctx.locale);
  const e = props.errors ?? {};
  const base = listPagePath(a);
  const canSend = canList(ctx.actor, 'send', a);
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="mailing-list" title={m.title}>
      <h2>{m.title}</h2>
      <p>{m.intro(a.acronym)}</p>
      <Facts items={[[m.address, <a href={`mailto:${overview.address}`}>{overview.address}</a>]]} />
      <p class="muted">{m.membersSubscribed}</p>
      {overview.counts ? <p>{m.subscribers(overview.counts.members, overview.counts.others)}</p> : null}
      {overview.own === 'member' || overview.own === 'subscribed' ? (
        <PostForm ctx={ctx} action={`${base}/own`} class="inline-form">
          <span>{overview.own === 'member' ? m.youAreMember : m.confirmed(a.acronym)}</span>
          <input type="hidden" name="receive" value="off" />
          <button type="submit" class="button-secondary">
            {m.unsubscribeMe}
          </button>
        </PostForm>
      ) : overview.own === 'member_unsubscribed' ? (
        <PostForm ctx={ctx} action={`${base}/own`} class="inline-form">
          <span>{m.youUnsubscribed}</span>
          <input type="hidden" name="receive" value="on" />
          <button type="submit" class="button-secondary">
            {m.resubscribe}
          </button>
        </PostForm>
      ) : canList(ctx.actor, 'subscribe', a) ? (
        <section aria-labelledby="subscribe">
          <h3 id="subscribe">{m.subscribeTitle}</h3>
          <p>{m.subscribeIntro}</p>
          <ErrorSummary ctx={ctx} errors={e} message={props.message} labels={{ email: m.email }} />
          <PostForm ctx={ctx} action={`${base}/subscribe`}>
            <TextField ctx={ctx} name="email" type="email" autocomplete="email" label={m.email} required value={valueOf(props.values, 'email')} error={e.email} />
            <Actions>
              <button type="submit">{m.subscribe}</button>
            </Actions>
          </PostForm>
        </section>
      ) : (
        <p>{m.subscribeClosed}</p>
      )}
      <h3>{m.archive}</h3>
      {canSend ? (
        <div class="actions">
          <a class="button" href={`${base}/announcements/new`}>
            {m.newAnnouncement}
          </a>
        </div>
      ) : null}
      {props.archive.length ? (
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{m.date}</th>
                <th scope="col">{m.subject}</th>
                <th scope="col">{m.by}</th>
                {canSend ? <th scope="col">{m.recipients}</th> : null}
              </tr>
            </thead>
            <tbody>
              {props.archive.map((x) => (
                <tr>
                  <td data-label={m.date}>{formatDateTime(x.createdAt, ctx.locale, ctx.timeZone)}</td>
                  <td data-label={m.subject}>
                    <a href={announcementPath(a, x.id)}>{x.subject}</a>
                    {x.withdrawnAt ? (
                      <>
                        {' '}
                        <span class="pill announcement-withdrawn">{m.withdrawnMark}</span>
                      </>
                    ) : null}
                    {x.correctedAt ? <span class="muted"> {m.correctedOn(formatDateTime(x.correctedAt, ctx.locale))}</span> : null}
                  </td>
                  <td data-label={m.by}>{x.authorName}</td>
                  {canSend ? <td data-label={m.recipients}>{x.recipientCount ?? m.deliveryPending}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{m.archiveEmpty}</p>
      )}
    </ActivityFrame>
  );
}

export function AnnouncementFormPage(props: { ctx: ViewContext; activity: Activity; maxMb: number } & FormState) {
  const { ctx, activity: a } = props;
  const m = listMessages(ctx.locale);
  const e = props.errors ?? {};
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="mailing-list" title={m.newAnnouncement}>
      <h2>{m.newAnnouncement}</h2>
      <ErrorSummary ctx={ctx} errors={e} message={props.message} labels={{ subject: m.subject, text: m.text, file: m.attachment }} />
      <PostForm ctx={ctx} action={`${listPagePath(a)}/announcements`} enctype="multipart/form-data">
        <TextField ctx={ctx} name="subject" label={m.subject} required maxLength={200} value={valueOf(props.values, 'subject')} error={e.subject} />
        <TextArea ctx={ctx} name="text" label={m.text} hint={m.textHint} required rows={14} value={valueOf(props.values, 'text')} error={e.text} />
        <Checkbox name="html" label={m.html} checked={props.values ? valueOf(props.values, 'html') === 'on' : true} />
        <FileField ctx={ctx} name="file" label={m.attachment} hint={m.attachmentHint(props.maxMb)} error={e.file} multiple />
        <Actions>
          <button type="submit">{m.send}</button>
        </Actions>
      </PostForm>
    </ActivityFrame>
  );
}

/** An announcement's text: the HTML Concord built from it, or the plain text. */
function AnnouncementBody(props: { announcement: Announcement }) {
  const x = props.announcement;
  return x.htmlBody ? (
    // Safe to insert: htmlBody is built by textToHtml from the text, every character of which it escapes.
    <div class="announcement-body" dangerouslySetInnerHTML={{ __html: x.htmlBody }} />
  ) : (
    <div class="prose announcement-body">{x.textBody}</div>
  );
}

export function AnnouncementPage(
  props: { ctx: ViewContext; activity: Activity; announcement: Announcement; report?: DeliveryReport; correction?: Announcement; original?: Announcement } & FormState,
) {
  const { ctx, activity: a, announcement: x, report, correction, original } = props;
  const m = listMessages(ctx.locale);
  const e = props.errors ?? {};
  const mayChange = !x.withdrawnAt && !original?.withdrawnAt;
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="mailing-list" title={x.subject}>
      <p>
        <a href={listPagePath(a)}>{m.archive}</a>
      </p>
      <h2>{x.subject}</h2>
      {x.withdrawnAt ? (
        <p class="notice withdrawn-notice" role="note">
          <strong>{m.withdrawnMark}.</strong> {m.withdrawnOn(formatDateTime(x.withdrawnAt, ctx.locale), x.withdrawnByName ?? '', x.withdrawalReason ?? '')}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={e} message={props.message} labels={{ reason: m.withdrawalReason }} />
      <Facts
        items={[
          [m.sentOn, formatDateTime(x.createdAt, ctx.locale, ctx.timeZone)],
          [m.by, x.authorName],
          ...(original ? [[m.correctionOf, <a href={announcementPath(a, original.id)}>{original.subject}</a>] as [string, ComponentChildren]] : []),
        ]}
      />
      {correction && x.correctedAt ? (
        <>
          {/* The archive shows the corrected text in place of the first one, and says so. */}
          <p class="notice corrected-notice">
            <strong>{m.correctedOn(formatDateTime(x.correctedAt, ctx.locale))}</strong>
          </p>
          <AnnouncementBody announcement={correction} />
          <details class="first-text">
            <summary>{m.firstText}</summary>
            <AnnouncementBody announcement={x} />
          </details>
        </>
      ) : (
        <AnnouncementBody announcement={x} />
      )}
      {x.attachments.length ? (
        <>
          <h3>{m.attachments}</h3>
          <ul>
            {x.attachments.map((f, i) => (
              <li>
                <a href={`${announcementPath(a, x.id)}/attachments/${i + 1}`}>{f.fileName}</a> <span class="muted">({Math.max(1, Math.round(f.size / 1024))} KB)</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report ? (
        <section aria-labelledby="delivery">
          <h3 id="delivery">{m.delivery}</h3>
          {x.status === 'queued' ? (
            <p>{m.deliveryPending}</p>
          ) : (
            <Facts
              items={[
                [m.recipients, String(x.recipientCount ?? 0)],
                ...(['sent', 'queued', 'sending', 'failed'] as const).map((s): [string, string] => [m.statuses[s] ?? s, String(report.counts[s])]),
              ]}
            />
          )}
          <h4>{m.failures}</h4>
          {report.failures.length ? (
            <div class="table-wrap">
              <table class="stack">
                <thead>
                  <tr>
                    <th scope="col">{m.recipient}</th>
                    <th scope="col">{m.error}</th>
                    <th scope="col">{m.attempts}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.failures.map((f) => (
                    <tr>
                      <td data-label={m.recipient}>{f.email}</td>
                      <td data-label={m.error}>{f.lastError ?? ''}</td>
                      <td data-label={m.attempts}>
                        {f.attempts} ({f.status === 'failed' ? m.gaveUp : m.willRetry})
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{m.noFailures}</p>
          )}
        </section>
      ) : null}
      {mayChange && x.status === 'sent' && canList(ctx.actor, 'correct', a) ? (
        <div class="actions">
          <a class="button button-secondary" href={`${announcementPath(a, x.id)}/correct`}>
            {m.correct}
          </a>
        </div>
      ) : null}
      {mayChange && !x.correctionOfId && canList(ctx.actor, 'withdraw', a) ? (
        <details class="withdraw" open={Boolean(e.reason)}>
          <summary>{m.withdraw}</summary>
          <p>{m.withdrawIntro}</p>
          <PostForm ctx={ctx} action={`${announcementPath(a, x.id)}/withdraw`}>
            <TextArea ctx={ctx} name="reason" label={m.withdrawalReason} hint={m.withdrawalReasonHint} required rows={3} value={valueOf(props.values, 'reason')} error={e.reason} />
            <Actions>
              <button type="submit" class="button-danger">
                {m.withdraw}
              </button>
            </Actions>
          </PostForm>
        </details>
      ) : null}
    </ActivityFrame>
  );
}

/** The correction form: the text as the archive shows it now, to edit and send as a correction. */
export function CorrectionFormPage(props: { ctx: ViewContext; activity: Activity; announcement: Announcement; currentText: string } & FormState) {
  const { ctx, activity: a, announcement: x } = props;
  const m = listMessages(ctx.locale);
  const e = props.errors ?? {};
  return (
    <ActivityFrame ctx={ctx} activity={a} tab="mailing-list" title={m.correctTitle(x.subject)}>
      <p>
        <a href={announcementPath(a, x.id)}>{x.subject}</a>
      </p>
      <h2>{m.correctTitle(x.subject)}</h2>
      <p>{m.correctIntro}</p>
      <ErrorSummary ctx={ctx} errors={e} message={props.message} labels={{ text: m.correctedText }} />
      <PostForm ctx={ctx} action={`${announcementPath(a, x.id)}/correct`}>
        <Facts items={[[m.subject, m.correctionSubject(x.subject)]]} />
        <TextArea ctx={ctx} name="text" label={m.correctedText} hint={m.textHint} required rows={14} value={props.values ? valueOf(props.values, 'text') : props.currentText} error={e.text} />
        <Checkbox name="html" label={m.html} checked={props.values ? valueOf(props.values, 'html') === 'on' : x.htmlBody !== null} />
        <Actions>
          <button type="submit">{m.sendCorrection}</button>
        </Actions>
      </PostForm>
    </ActivityFrame>
  );
}

/** The page behind a link from a mail: a sentence and one button (the change is a POST, so link scanners change nothing). */
export function TokenPage(props: { ctx: ViewContext; title: string; intro: string; action?: string; button?: string; done?: string; csrf: boolean }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title}>
      <h1>{props.title}</h1>
      {props.done ? (
        <p class="flash" role="status">
          {props.done}
        </p>
      ) : (
        <>
          <p>{props.intro}</p>
          {props.action ? (
            props.csrf ? (
              <PostForm ctx={ctx} action={props.action}>
                <Actions>
                  <button type="submit">{props.button}</button>
                </Actions>
              </PostForm>
            ) : (
              <form method="post" action={props.action} class="form">
                <input type="hidden" name="List-Unsubscribe" value="One-Click" />
                <Actions>
                  <button type="submit">{props.button}</button>
                </Actions>
              </form>
            )
          ) : null}
        </>
      )}
    </Layout>
  );
}

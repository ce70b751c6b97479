// The mailing list over the web and the API. Thin: the rules are in lists.ts, announcements.ts and policy.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { checkUpload, type CheckedFile, fileKinds } from '../../platform/files.ts';
import { readStoredFile, storedFileSize } from '../../platform/file-store.ts';
import { idParam, isUploadedFile, redirectWithFlash, sendPage, viewContext } from '../../platform/http/context.ts';
import { type FormState, submitForm } from '../../platform/http/forms.ts';
import { ownWriteLimit } from '../../platform/http/rate-limits.ts';
import { parseInput, email, rowId } from '../../platform/validation.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import {
  type Announcement,
  announcementInput,
  announcementPath,
  deliveryReport,
  getAnnouncement,
  listAnnouncements,
  sendAnnouncement,
} from './announcements.ts';
import {
  confirmSubscription,
  listOverview,
  listPagePath,
  requestSubscription,
  setOwnSubscription,
  subscriptionByConfirmToken,
  subscriptionByUnsubscribeToken,
  unsubscribeByToken,
} from './lists.ts';
import { listMessages } from './messages.ts';
import { canList } from './policy.ts';
import { correctAnnouncement, correctionInput, latestCorrection, withdrawalInput, withdrawAnnouncement } from './announcement-changes.ts';
import { AnnouncementFormPage, AnnouncementPage, CorrectionFormPage, MailingListPage, TokenPage } from './views.tsx';
import { api } from './api-messages.ts';

const acronymParams = z.object({ acronym: z.string().max(30) });
const announcementParams = acronymParams.extend({ id: rowId() });
const tokenParams = z.object({ token: z.string().min(10).max(100) });
const subscribeForm = z.object({ email: email() });

const announcementOut = z.object({
  id: z.number(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable().describe('built by Concord from the text'),
  attachments: z.array(z.object({ fileName: z.string(), contentType: z.string(), size: z.number(), sha256: z.string() })),
  author: z.string(),
  createdAt: z.date(),
  status: z.enum(['queued', 'sent']),
  recipientCount: z.number().nullable(),
  correctionOf: z.number().nullable().describe('the announcement this one corrects'),
  correctedAt: z.date().nullable().describe('when the newest correction of this announcement was sent'),
  withdrawnAt: z.date().nullable().describe('withdrawn from the archive (only those who send still see it)'),
  withdrawalReason: z.string().nullable(),
});
const reportOut = z.object({
  counts: z.object({ queued: z.number(), sending: z.number(), sent: z.number(), failed: z.number() }),
  total: z.number(),
  failures: z.array(z.object({ email: z.string(), status: z.string(), attempts: z.number(), lastError: z.string().nullable(), nextAttemptAt: z.date() })),
});

const present = (x: Announcement): z.input<typeof announcementOut> => ({
  id: x.id,
  subject: x.subject,
  text: x.textBody,
  html: x.htmlBody,
  attachments: x.attachments,
  author: x.authorName,
  createdAt: x.createdAt,
  status: x.status,
  recipientCount: x.recipientCount,
  correctionOf: x.correctionOfId,
  correctedAt: x.correctedAt,
  withdrawnAt: x.withdrawnAt,
  withdrawalReason: x.withdrawalReason,
});

export function registerMailingListRoutes(app: App, { database, config }: AppDeps) {
  const db = database.db;
  const findActivity = (request: { params: unknown; actor: Actor }) => getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
  const listContext = (request: { locale: 'en' | 'fr' }) => ({ locale: request.locale, baseUrl: config.baseUrl });
  const maxMb = Math.round(config.uploadMaxBytes / 1048576);
  const allowSend = (actor: Actor, activity: Activity) => {
    requireUser(actor);
    if (!canList(actor, 'send', activity)) throw forbidden();
  };
  const allowChange = (actor: Actor, activity: Activity, action: 'correct' | 'withdraw') => {
    requireUser(actor);
    if (!canList(actor, action, activity)) throw forbidden();
  };
  const listPage = async (ctx: ReturnType<typeof viewContext>, activity: Activity, state = {}) =>
    MailingListPage({
      ctx,
      activity,
      overview: await listOverview(db, ctx.actor, activity, config.baseUrl),
      archive: await listAnnouncements(db, ctx.actor, activity),
      ...state,
    });

  // ---- Pages ----

  app.get('/activities/:acronym/mailing-list', async (request, reply) => {
    const activity = await findActivity(request);
    return sendPage(reply, await listPage(viewContext(request, reply), activity));
  });

  app.post('/activities/:acronym/mailing-list/subscribe', async (request, reply) => {
    const activity = await findActivity(request);
    return submitForm(request, reply, {
      schema: subscribeForm,
      action: async ({ email: address }) => {
        await requestSubscription(db, request.actor, activity.id, address, listContext(request));
        return { location: listPagePath(activity), message: listMessages(request.locale).subscribeRequested };
      },
      render: (ctx, state) => listPage(ctx, activity, state),
    });
  });

  app.post('/activities/:acronym/mailing-list/own', async (request, reply) => {
    const activity = await findActivity(request);
    const { receive } = parseInput(z.object({ receive: z.enum(['on', 'off']) }), request.body, request.locale);
    await setOwnSubscription(db, request.actor, activity.id, receive === 'on', listContext(request));
    const m = listMessages(request.locale);
    return redirectWithFlash(reply, listPagePath(activity), receive === 'on' ? m.resubscribed : m.unsubscribedMe);
  });

  app.get('/activities/:acronym/mailing-list/announcements/new', async (request, reply) => {
    const activity = await findActivity(request);
    allowSend(request.actor, activity);
    return sendPage(reply, AnnouncementFormPage({ ctx: viewContext(request, reply), activity, maxMb }));
  });

  app.post('/activities/:acronym/mailing-list/announcements', async (request, reply) => {
    const activity = await findActivity(request);
    allowSend(request.actor, activity);
    const upload = (request.body as Record<string, unknown> | undefined)?.file;
    return submitForm(request, reply, {
      schema: announcementInput,
      action: async (input) => {
        const files: CheckedFile[] = [];
        // Several files come as a list; a file input left empty still sends a part, without a name: no attachment.
        for (const one of Array.isArray(upload) ? upload : [upload]) {
          if (!isUploadedFile(one) || (!one.fileName && !one.bytes.length)) continue;
          files.push(await checkUpload(one, { field: 'file', allowed: fileKinds, maxBytes: config.uploadMaxBytes, locale: request.locale }));
        }
        const row = await sendAnnouncement(db, request.actor, activity.id, input, files, { dataDir: config.dataDir });
        return { location: announcementPath(activity, row.id), message: listMessages(request.locale).sent };
      },
      render: (ctx, state) => AnnouncementFormPage({ ctx, activity, maxMb, ...state }),
    });
  });

  const announcementPage = async (request: FastifyRequest, reply: FastifyReply, activity: Activity, id: number, state: FormState = {}) => {
    const announcement = await getAnnouncement(db, request.actor, activity, id);
    const report = canList(request.actor, 'send', activity) ? await deliveryReport(db, request.actor, activity, announcement.id) : undefined;
    const correction = await latestCorrection(db, announcement.id);
    const original = announcement.correctionOfId ? await getAnnouncement(db, request.actor, activity, announcement.correctionOfId) : undefined;
    return AnnouncementPage({ ctx: viewContext(request, reply), activity, announcement, report, correction, original, ...state });
  };

  app.get('/activities/:acronym/mailing-list/announcements/:id', async (request, reply) => {
    const activity = await findActivity(request);
    return sendPage(reply, await announcementPage(request, reply, activity, idParam(request.params)));
  });

  app.get('/activities/:acronym/mailing-list/announcements/:id/correct', async (request, reply) => {
    const activity = await findActivity(request);
    allowChange(request.actor, activity, 'correct');
    const announcement = await getAnnouncement(db, request.actor, activity, idParam(request.params));
    const correction = await latestCorrection(db, announcement.id);
    return sendPage(reply, CorrectionFormPage({ ctx: viewContext(request, reply), activity, announcement, currentText: (correction ?? announcement).textBody }));
  });

  app.post('/activities/:acronym/mailing-list/announcements/:id/correct', async (request, reply) => {
    const activity = await findActivity(request);
    allowChange(request.actor, activity, 'correct');
    const announcement = await getAnnouncement(db, request.actor, activity, idParam(request.params));
    return submitForm(request, reply, {
      schema: correctionInput,
      action: async (input) => {
        await correctAnnouncement(db, request.actor, activity.id, announcement.id, input, request.locale);
        return { location: announcementPath(activity, announcement.correctionOfId ?? announcement.id), message: listMessages(request.locale).correctionSent };
      },
      render: (ctx, state) => CorrectionFormPage({ ctx, activity, announcement, currentText: announcement.textBody, ...state }),
    });
  });

  app.post('/activities/:acronym/mailing-list/announcements/:id/withdraw', async (request, reply) => {
    const activity = await findActivity(request);
    allowChange(request.actor, activity, 'withdraw');
    const id = idParam(request.params);
    return submitForm(request, reply, {
      schema: withdrawalInput,
      action: async (input) => {
        await withdrawAnnouncement(db, request.actor, activity.id, id, input, request.locale);
        return { location: announcementPath(activity, id), message: listMessages(request.locale).withdrawn };
      },
      render: async (_ctx, state) => announcementPage(request, reply, activity, id, state),
    });
  });

  app.get('/activities/:acronym/mailing-list/announcements/:id/attachments/:n', async (request, reply) => {
    const activity = await findActivity(request);
    const announcement = await getAnnouncement(db, request.actor, activity, idParam(request.params));
    const file = announcement.attachments[idParam(request.params, 'n') - 1];
    if (!file) throw notFound();
    const size = await storedFileSize(config, db, file.sha256);
    if (size === null) throw notFound();
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('content-length', String(size))
      .send(readStoredFile(config, db, file.sha256));
  });

  // ---- Links from mail: the token in the URL is the secret ----

  const tokenPage = (request: Parameters<typeof viewContext>[0], reply: FastifyReply, page: Omit<Parameters<typeof TokenPage>[0], 'ctx'>, status = 200) =>
    sendPage(reply, TokenPage({ ctx: viewContext(request, reply), ...page }), status);

  app.get('/lists/confirm/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const m = listMessages(request.locale);
    const found = await subscriptionByConfirmToken(db, token, request.locale);
    return tokenPage(request, reply, {
      title: m.confirmTitle,
      intro: m.confirmIntro(found.activity.acronym, found.subscription.email),
      action: `/lists/confirm/${token}`,
      button: m.confirmButton,
      csrf: true,
    });
  });

  app.post('/lists/confirm/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const m = listMessages(request.locale);
    const found = await confirmSubscription(db, token, request.locale);
    return tokenPage(request, reply, { title: m.confirmTitle, intro: '', done: m.confirmed(found.activity.acronym), csrf: true });
  });

  app.get('/lists/unsubscribe/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const m = listMessages(request.locale);
    const found = await subscriptionByUnsubscribeToken(db, token, request.locale);
    if (found.subscription.status === 'unsubscribed') {
      return tokenPage(request, reply, { title: m.unsubscribeTitle, intro: '', done: m.unsubscribed(found.activity.acronym), csrf: false });
    }
    return tokenPage(request, reply, {
      title: m.unsubscribeTitle,
      intro: m.unsubscribeIntro(found.activity.acronym, found.subscription.email),
      action: `/lists/unsubscribe/${token}`,
      button: m.unsubscribeButton,
      csrf: false,
    });
  });

  // RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" to the URL with no cookie and no page seen
  // first, so no CSRF token can exist. None is needed: the unguessable token in the URL is the credential, it can only
  // unsubscribe the one address it was sent to, and a forged POST would need that token. Counted apart from the other
  // anonymous writes (UNSUBSCRIBES_PER_MINUTE): a provider posts them for all its users from a few addresses.
  app.post('/lists/unsubscribe/:token', { config: { csrfExempt: true, ...ownWriteLimit('unsubscribe', config.limits.unsubscribesPerMinute) } }, async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const m = listMessages(request.locale);
    const found = await unsubscribeByToken(db, token, request.locale);
    return tokenPage(request, reply, { title: m.unsubscribeTitle, intro: '', done: m.unsubscribed(found.activity.acronym), csrf: false });
  });

  // ---- API ----

  const tags = ['mailing lists'];
  const base = '/api/v1/activities/:acronym/mailing-list';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: api('The list of an activity: its address, and for those who send, how many receive it'),
        params: acronymParams,
        response: {
          200: z.object({
            address: z.string(),
            counts: z.object({ members: z.number(), others: z.number() }).optional(),
            own: z.enum(['member', 'member_unsubscribed', 'subscribed']).optional(),
          }),
        },
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      const overview = await listOverview(db, request.actor, activity, config.baseUrl);
      return { address: overview.address, counts: overview.counts, own: overview.own };
    },
  );

  app.post(
    `${base}/subscriptions`,
    {
      schema: {
        tags,
        summary: api('Ask to subscribe an address to a public list; a link to confirm it is mailed to that address'),
        params: acronymParams,
        body: subscribeForm.strict(),
        response: { 202: z.object({ status: z.literal('confirmation_sent') }) },
      },
    },
    async (request, reply) => {
      const activity = await findActivity(request);
      await requestSubscription(db, request.actor, activity.id, request.body.email, listContext(request));
      return reply.status(202).send({ status: 'confirmation_sent' as const });
    },
  );

  app.put(
    `${base}/own`,
    {
      schema: {
        tags,
        summary: api('Turn your own subscription (as a member, or as a confirmed subscriber) on or off'),
        params: acronymParams,
        body: z.object({ receive: z.boolean() }).strict(),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const activity = await findActivity(request);
      await setOwnSubscription(db, request.actor, activity.id, request.body.receive, listContext(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${base}/announcements`,
    { schema: { tags, summary: api('The archive, newest first (public for a public activity, members only otherwise)'), params: acronymParams, response: { 200: z.object({ announcements: z.array(announcementOut) }) } } },
    async (request) => {
      const activity = await findActivity(request);
      return { announcements: (await listAnnouncements(db, request.actor, activity)).map(present) };
    },
  );

  app.post(
    `${base}/announcements`,
    {
      schema: {
        tags,
        summary: api('Send an announcement to the list (secretariat, chairs); `html: true` adds an HTML version built from the text'),
        params: acronymParams,
        body: announcementInput.strict(),
        response: { 201: announcementOut },
      },
    },
    async (request, reply) => {
      const activity = await findActivity(request);
      const row = await sendAnnouncement(db, request.actor, activity.id, request.body, [], { dataDir: config.dataDir });
      return reply.status(201).send(present(row));
    },
  );

  app.post(
    `${base}/announcements/:id/corrections`,
    {
      schema: {
        tags,
        summary: api('Correct a sent announcement (secretariat, chairs): the correction goes to the list, and the archive shows the corrected text marked “Corrected on …”'),
        params: announcementParams,
        body: correctionInput.strict(),
        response: { 201: announcementOut },
      },
    },
    async (request, reply) => {
      const activity = await findActivity(request);
      const correction = await correctAnnouncement(db, request.actor, activity.id, request.params.id, request.body, request.locale);
      return reply.status(201).send(present(correction));
    },
  );

  app.post(
    `${base}/announcements/:id/withdrawal`,
    {
      schema: {
        tags,
        summary: api('Withdraw an announcement from the archive, with the reason (secretariat, chairs): readers no longer find it; those who send still see it, marked'),
        params: announcementParams,
        body: withdrawalInput.strict(),
        response: { 200: announcementOut },
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      return present(await withdrawAnnouncement(db, request.actor, activity.id, request.params.id, request.body, request.locale));
    },
  );

  app.get(
    `${base}/announcements/:id`,
    {
      schema: {
        tags,
        summary: api('One announcement; for those who send, its delivery (counts and failures)'),
        params: announcementParams,
        response: { 200: announcementOut.extend({ delivery: reportOut.optional() }) },
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      const announcement = await getAnnouncement(db, request.actor, activity, request.params.id);
      const delivery = canList(request.actor, 'send', activity) ? await deliveryReport(db, request.actor, activity, announcement.id) : undefined;
      return { ...present(announcement), delivery };
    },
  );
}


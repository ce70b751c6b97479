// Contacts and representatives over the web and the API. Thin: the rules are in contacts.ts and policy.ts.
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';
import { idParam, redirectWithFlash, sendPage, viewContext } from '../../platform/http/context.ts';
import { formValues, submitForm } from '../../platform/http/forms.ts';
import { leaders } from '../../platform/roles.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { listOrganizationTree } from '../organizations/index.ts';
import { listPeople } from '../people/index.ts';
import {
  answerConfirmation,
  confirmationByToken,
  contactInput,
  contactPatch,
  type ContactView,
  createContact,
  getContact,
  listContacts,
  parseAnswer,
  removeContact,
  updateContact,
} from './contacts.ts';
import { contactsCsv, contactsVcard } from './export.ts';
import { contactMessages } from './messages.ts';
import { canContacts } from './policy.ts';
import { contactRoles } from './schema.ts';
import { ConfirmationPage, ContactFormPage, ContactsPage, contactsBase } from './views.tsx';
import { api } from './api-messages.ts';
import { rowId } from '../../platform/validation.ts';

const acronymParams = z.object({ acronym: z.string().max(30) });
const contactParams = acronymParams.extend({ id: rowId() });
const tokenParams = z.object({ token: z.string().min(10).max(100) });

const contactOut = z.object({
  id: z.number().nullable().describe('null for chairs, which come from the roles of the activity'),
  source: z.enum(['contact', 'membership']),
  role: z.enum([...contactRoles, ...leaders]),
  topic: z.string().nullable(),
  since: z.string().nullable(),
  until: z.string().nullable(),
  current: z.boolean(),
  confirmedAt: z.date().nullable(),
  flag: z.enum(['stale', 'unanswered']).nullable(),
  person: z.object({
    id: z.number(),
    name: z.string(),
    affiliation: z.string().nullable(),
    country: z.string().nullable(),
    isExample: z.boolean(),
    email: z.string().nullable().describe('null unless you hold a role in the activity'),
    phone: z.string().nullable(),
  }),
  organization: z.object({ id: z.number(), acronym: z.string(), name: z.string(), path: z.string(), kind: z.string() }).nullable(),
});
const contactRowOut = z.object({
  id: z.number(),
  role: z.enum(contactRoles),
  personId: z.number(),
  organizationId: z.number().nullable(),
  topic: z.string().nullable(),
  since: z.string().nullable(),
  until: z.string().nullable(),
  confirmedAt: z.date().nullable(),
});

/** The edit form sends every field, so one left empty clears it (absent would mean "unchanged" to contactPatch). */
const contactEditForm = z.preprocess((v) => ({ topic: '', since: '', until: '', organizationId: '', ...(v as object) }), contactPatch);

const present = (c: ContactView): z.input<typeof contactOut> => c;

export function registerContactRoutes(app: App, { database, config }: AppDeps) {
  const db = database.db;
  const findActivity = (request: { params: unknown; actor: Actor }) => getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
  const allowEdit = (actor: Actor, activity: Activity) => {
    requireUser(actor);
    if (!canContacts(actor, 'edit', activity)) throw forbidden();
  };
  const formPage = async (ctx: ReturnType<typeof viewContext>, activity: Activity, extra: Partial<Parameters<typeof ContactFormPage>[0]> = {}) =>
    ContactFormPage({ ctx, activity, people: await listPeople(db), organizations: await listOrganizationTree(db), ...extra });
  const fileName = (activity: Activity, ext: string) => `${activity.acronym.toLowerCase()}-contacts.${ext}`;

  // ---- Pages ----

  app.get('/activities/:acronym/contacts', async (request, reply) => {
    const activity = await findActivity(request);
    const list = await listContacts(db, request.actor, activity);
    return sendPage(reply, ContactsPage({ ctx: viewContext(request, reply), activity, list }));
  });

  const csvExport = async (request: { params: unknown; actor: Actor; locale: 'en' | 'fr' }) => {
    const activity = await findActivity(request);
    const list = await listContacts(db, request.actor, activity);
    return { activity, body: contactsCsv(list.contacts, list.showAddresses, request.locale) };
  };
  const vcardExport = async (request: { params: unknown; actor: Actor; locale: 'en' | 'fr' }) => {
    const activity = await findActivity(request);
    const list = await listContacts(db, request.actor, activity);
    return { activity, body: contactsVcard(list.contacts, activity.acronym, request.locale, config.baseUrl) };
  };
  const sendFile = (reply: import('fastify').FastifyReply, activity: Activity, ext: 'csv' | 'vcf', body: string) =>
    reply
      .type(ext === 'csv' ? 'text/csv; charset=utf-8' : 'text/vcard; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(activity, ext)}"`)
      .header('cache-control', 'no-store')
      .send(body);

  app.get('/activities/:acronym/contacts/export.csv', async (request, reply) => {
    const { activity, body } = await csvExport(request);
    return sendFile(reply, activity, 'csv', body);
  });
  app.get('/activities/:acronym/contacts/export.vcf', async (request, reply) => {
    const { activity, body } = await vcardExport(request);
    return sendFile(reply, activity, 'vcf', body);
  });

  app.get('/activities/:acronym/contacts/new', async (request, reply) => {
    const activity = await findActivity(request);
    allowEdit(request.actor, activity);
    return sendPage(reply, await formPage(viewContext(request, reply), activity));
  });

  app.post('/activities/:acronym/contacts', async (request, reply) => {
    const activity = await findActivity(request);
    allowEdit(request.actor, activity);
    return submitForm(request, reply, {
      schema: contactInput,
      action: async (input) => {
        await createContact(db, request.actor, activity.id, input, request.locale);
        return { location: contactsBase(activity), message: contactMessages(request.locale).created };
      },
      render: (ctx, state) => formPage(ctx, activity, state),
    });
  });

  app.get('/activities/:acronym/contacts/:id/edit', async (request, reply) => {
    const activity = await findActivity(request);
    allowEdit(request.actor, activity);
    const contact = await getContact(db, request.actor, activity, idParam(request.params));
    return sendPage(reply, await formPage(viewContext(request, reply), activity, { contact }));
  });

  app.post('/activities/:acronym/contacts/:id', async (request, reply) => {
    const activity = await findActivity(request);
    allowEdit(request.actor, activity);
    const contact = await getContact(db, request.actor, activity, idParam(request.params));
    return submitForm(request, reply, {
      schema: contactEditForm,
      action: async (patch) => {
        await updateContact(db, request.actor, activity.id, contact.id, patch, request.locale);
        return { location: contactsBase(activity), message: contactMessages(request.locale).saved };
      },
      render: (ctx, state) => formPage(ctx, activity, { contact, ...state }),
    });
  });

  app.post('/activities/:acronym/contacts/:id/remove', async (request, reply) => {
    const activity = await findActivity(request);
    allowEdit(request.actor, activity);
    await removeContact(db, request.actor, activity.id, idParam(request.params));
    return redirectWithFlash(reply, contactsBase(activity), contactMessages(request.locale).removed);
  });

  // The yearly confirmation: no account; the token in the link is the secret. The forms carry the CSRF token as usual.
  app.get('/contacts/confirm/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const view = await confirmationByToken(db, token, request.locale);
    return sendPage(reply, ConfirmationPage({ ctx: viewContext(request, reply), token, view }));
  });

  app.post('/contacts/confirm/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const values = formValues(request);
    try {
      const answer = parseAnswer(values, request.locale);
      const view = await answerConfirmation(db, token, answer, { locale: request.locale, baseUrl: config.baseUrl });
      const fresh = await confirmationByToken(db, token, request.locale);
      return sendPage(reply, ConfirmationPage({ ctx: viewContext(request, reply), token, view: { ...view, request: fresh.request }, done: answer.kind === 'confirm' ? 'confirmed' : 'corrected' }));
    } catch (error) {
      const e = error as { code?: string; status?: number; message?: string; details?: { fields?: Record<string, string> } };
      if (e.code !== 'validation_failed' && e.code !== 'conflict') throw error;
      const view = await confirmationByToken(db, token, request.locale);
      return sendPage(
        reply,
        ConfirmationPage({ ctx: viewContext(request, reply), token, view, values, errors: e.details?.fields ?? {}, message: e.code === 'conflict' ? e.message : undefined }),
        e.status ?? 422,
      );
    }
  });

  // ---- API ----

  const tags = ['contacts'];
  const base = '/api/v1/activities/:acronym/contacts';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: api('The contacts and representatives of an activity, chairs first; e-mail addresses only for its members'),
        params: acronymParams,
        response: { 200: z.object({ contacts: z.array(contactOut), addressesShown: z.boolean() }) },
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      const list = await listContacts(db, request.actor, activity);
      return { contacts: list.contacts.map(present), addressesShown: list.showAddresses };
    },
  );

  app.get(
    `${base}/export.csv`,
    { schema: { tags, summary: api('The contacts as CSV (UTF-8, comma-separated); the email and phone columns only for members'), params: acronymParams, produces: ['text/csv'] } },
    async (request, reply) => {
      const { activity, body } = await csvExport(request);
      return sendFile(reply, activity, 'csv', body);
    },
  );

  app.get(
    `${base}/export.vcf`,
    { schema: { tags, summary: api('The current contacts as vCard 4.0, one card per person; EMAIL and TEL only for members'), params: acronymParams, produces: ['text/vcard'] } },
    async (request, reply) => {
      const { activity, body } = await vcardExport(request);
      return sendFile(reply, activity, 'vcf', body);
    },
  );

  app.post(
    base,
    { schema: { tags, summary: api('Add a contact entry (secretariat)'), params: acronymParams, body: contactInput.strict(), response: { 201: contactRowOut } } },
    async (request, reply) => {
      const activity = await findActivity(request);
      const row = await createContact(db, request.actor, activity.id, request.body, request.locale);
      return reply.status(201).send(row);
    },
  );

  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: api('Change a contact entry (secretariat); markConfirmed records today as its confirmation date'),
        params: contactParams,
        body: contactPatch.strict(),
        response: { 200: contactRowOut },
      },
    },
    async (request) => {
      const activity = await findActivity(request);
      return updateContact(db, request.actor, activity.id, request.params.id, request.body, request.locale);
    },
  );

  app.delete(
    `${base}/:id`,
    { schema: { tags, summary: api('Remove a contact entry entered by mistake (secretariat)'), params: contactParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const activity = await findActivity(request);
      await removeContact(db, request.actor, activity.id, request.params.id);
      return reply.status(204).send(null);
    },
  );
}

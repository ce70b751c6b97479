import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { AppError, forbidden, invalid } from '../../platform/errors.ts';
import { formFields, idParam, redirectWithFlash, sendPage, viewContext } from '../../platform/http/context.ts';
import { platformMessages } from '../../platform/i18n/messages.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { listRolesOfPerson } from '../activities/index.ts';
import { listOrganizationTree } from '../organizations/index.ts';
import { peopleMessages } from './messages.ts';
import { UnlinkedAccountsPage } from './account-link-views.tsx';
import { accountOfPerson, findAccountByEmail, linkAccountByHand, listPeopleWithoutAccount, listUnlinkedAccounts, unlinkAccount } from './account-links.ts';
import { createContactForAccount, createPerson, deletePerson, getPerson, listPeople, personInput, personPatch, updatePerson } from './people.ts';
import { canPerson, type PersonAction } from './policy.ts';
import { PeopleListPage, PersonFormPage, PersonPage } from './views.tsx';
import { api } from './api-messages.ts';
import { maxRowId, rowId } from '../../platform/validation.ts';

const idParams = z.object({ id: rowId() });
const personOut = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string().nullable(),
  affiliation: z.string().nullable(),
  country: z.string().nullable(),
  organizationId: z.number().nullable(),
  phone: z.string().nullable(),
  notes: z.string().nullable(),
  isExample: z.boolean(),
});

const accountOut = z.object({ id: z.number(), email: z.string(), name: z.string(), emailVerifiedAt: z.date().nullable() });
const unlinkedOut = accountOut.extend({
  createdAt: z.date(),
  match: z.object({ personId: z.number(), name: z.string(), hasAccount: z.boolean() }).nullable(),
});
const linkBody = z
  .object({ userId: rowId().max(maxRowId).optional(), email: z.email().max(254).optional() })
  .strict()
  .refine((b) => (b.userId === undefined) !== (b.email === undefined), { message: 'Give either userId or email of the account.' });
const linkFields = z.object({ userId: z.preprocess((v) => (v === '' ? undefined : v), rowId().optional().catch(undefined)) });

function allow(actor: Actor, action: PersonAction) {
  requireUser(actor);
  if (!canPerson(actor, action)) throw forbidden();
}

export function registerPeopleRoutes(app: App, { database }: AppDeps) {
  const db = database.db;

  app.get('/people', async (request, reply) => {
    allow(request.actor, 'list');
    const query = String((request.query as Record<string, unknown>).q ?? '').slice(0, 200);
    return sendPage(reply, PeopleListPage({ ctx: viewContext(request, reply), people: await listPeople(db, query), query }));
  });

  app.get('/people/new', async (request, reply) => {
    allow(request.actor, 'create');
    return sendPage(reply, PersonFormPage({ ctx: viewContext(request, reply), organizations: await listOrganizationTree(db) }));
  });

  app.post('/people', async (request, reply) => {
    allow(request.actor, 'create');
    return submitForm(request, reply, {
      schema: personInput,
      action: async (input) => {
        const person = await createPerson(db, request.actor, input, request.locale);
        return { location: `/people/${person.id}`, message: peopleMessages(request.locale).created };
      },
      render: async (ctx, state) => PersonFormPage({ ctx, organizations: await listOrganizationTree(db), ...state }),
    });
  });

  const showPerson = async (request: FastifyRequest, reply: FastifyReply, error?: AppError) => {
    allow(request.actor, 'read');
    const person = await getPerson(db, idParam(request.params));
    const organization = (await listOrganizationTree(db)).find((o) => o.id === person.organizationId);
    const roles = await listRolesOfPerson(db, person.id);
    const accountLink = canPerson(request.actor, 'link_account')
      ? { account: await accountOfPerson(db, person.id), choices: person.userId ? [] : await listUnlinkedAccounts(db), error: error?.message }
      : undefined;
    return sendPage(reply, PersonPage({ ctx: viewContext(request, reply), person, organization, roles, accountLink }), error?.status ?? 200);
  };

  app.get('/people/:id', async (request, reply) => showPerson(request, reply));

  // ---- Accounts linked to people (the secretariat and admins) ----------------------------------------------------

  const showAccounts = async (request: FastifyRequest, reply: FastifyReply, error?: AppError) => {
    allow(request.actor, 'link_account');
    const page = UnlinkedAccountsPage({ ctx: viewContext(request, reply), accounts: await listUnlinkedAccounts(db), people: await listPeopleWithoutAccount(db), message: error?.message });
    return sendPage(reply, page, error?.status ?? 200);
  };
  /** A refused link (the other side is taken, a field is wrong) shows the page it came from with the reason. */
  const linkRefusal = (error: unknown) => (error instanceof AppError && ['conflict', 'validation_failed', 'not_found'].includes(error.code) ? error : undefined);

  app.get('/people/accounts', async (request, reply) => showAccounts(request, reply));

  app.post('/people/:id/account', async (request, reply) => {
    allow(request.actor, 'link_account');
    const personId = idParam(request.params);
    const fields = formFields(request);
    const fromList = fields.return === '/people/accounts';
    try {
      const userId = linkFields.parse(fields).userId;
      if (!userId) throw invalid({ userId: platformMessages(request.locale).validation.required }, platformMessages(request.locale).validation.required);
      await linkAccountByHand(db, request.actor, personId, userId, request.locale);
    } catch (error) {
      const refusal = linkRefusal(error);
      if (!refusal) throw error;
      return fromList ? showAccounts(request, reply, refusal) : showPerson(request, reply, refusal);
    }
    return redirectWithFlash(reply, fromList ? '/people/accounts' : `/people/${personId}`, peopleMessages(request.locale).linked);
  });

  app.post('/people/accounts/:id/link', async (request, reply) => {
    allow(request.actor, 'link_account');
    const userId = idParam(request.params);
    const raw = formFields(request)[`personId-${userId}`];
    const personId = raw && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : undefined;
    try {
      if (!personId) throw new AppError('validation_failed', peopleMessages(request.locale).choosePerson);
      await linkAccountByHand(db, request.actor, personId, userId, request.locale);
    } catch (error) {
      const refusal = linkRefusal(error);
      if (!refusal) throw error;
      return showAccounts(request, reply, refusal);
    }
    return redirectWithFlash(reply, '/people/accounts', peopleMessages(request.locale).linked);
  });

  app.post('/people/accounts/:id/contact', async (request, reply) => {
    allow(request.actor, 'link_account');
    try {
      const person = await createContactForAccount(db, request.actor, idParam(request.params), request.locale);
      return redirectWithFlash(reply, `/people/${person.id}`, peopleMessages(request.locale).contactCreated(person.name));
    } catch (error) {
      const refusal = linkRefusal(error);
      if (!refusal) throw error;
      // A refused address names the person who has it: say it as a sentence on the list.
      const sentence = refusal.details.fields?.email ?? refusal.message;
      return showAccounts(request, reply, new AppError(refusal.code, sentence));
    }
  });

  app.post('/people/:id/account/unlink', async (request, reply) => {
    allow(request.actor, 'link_account');
    const personId = idParam(request.params);
    try {
      await unlinkAccount(db, request.actor, personId, request.locale);
    } catch (error) {
      const refusal = linkRefusal(error);
      if (!refusal) throw error;
      return showPerson(request, reply, refusal);
    }
    return redirectWithFlash(reply, `/people/${personId}`, peopleMessages(request.locale).unlinked);
  });

  app.get('/people/:id/edit', async (request, reply) => {
    allow(request.actor, 'update');
    const person = await getPerson(db, idParam(request.params));
    return sendPage(reply, PersonFormPage({ ctx: viewContext(request, reply), person, organizations: await listOrganizationTree(db) }));
  });

  app.post('/people/:id', async (request, reply) => {
    allow(request.actor, 'update');
    const id = idParam(request.params);
    return submitForm(request, reply, {
      schema: personInput,
      action: async (input) => {
        await updatePerson(db, request.actor, id, input, request.locale);
        return { location: `/people/${id}`, message: peopleMessages(request.locale).saved };
      },
      render: async (ctx, state) => PersonFormPage({ ctx, person: await getPerson(db, id), organizations: await listOrganizationTree(db), ...state }),
    });
  });

  app.post('/people/:id/delete', async (request, reply) => {
    allow(request.actor, 'delete');
    await deletePerson(db, request.actor, idParam(request.params), request.locale);
    return redirectWithFlash(reply, '/people', peopleMessages(request.locale).deleted);
  });

  const tags = ['people'];
  app.get(
    '/api/v1/people',
    { schema: { tags, summary: api('Contacts (signed-in users)'), querystring: z.object({ q: z.string().max(200).optional() }), response: { 200: z.array(personOut) } } },
    async (request) => {
      allow(request.actor, 'list');
      return listPeople(db, request.query.q);
    },
  );
  app.get('/api/v1/people/:id', { schema: { tags, summary: api('One contact'), params: idParams, response: { 200: personOut } } }, async (request) => {
    allow(request.actor, 'read');
    return getPerson(db, request.params.id);
  });
  app.post('/api/v1/people', { schema: { tags, summary: api('Add a contact'), body: personInput.strict(), response: { 201: personOut } } }, async (request, reply) => {
    allow(request.actor, 'create');
    return reply.status(201).send(await createPerson(db, request.actor, request.body, request.locale));
  });
  app.patch(
    '/api/v1/people/:id',
    { schema: { tags, summary: api('Change some fields of a contact'), params: idParams, body: personPatch.strict(), response: { 200: personOut } } },
    async (request) => {
      allow(request.actor, 'update');
      return updatePerson(db, request.actor, request.params.id, request.body, request.locale);
    },
  );
  app.get(
    '/api/v1/accounts/unlinked',
    { schema: { tags, summary: api('Accounts no person is linked to, with the person their address matches if any (secretariat, admins)'), response: { 200: z.array(unlinkedOut) } } },
    async (request) => {
      allow(request.actor, 'link_account');
      return listUnlinkedAccounts(db);
    },
  );
  app.get(
    '/api/v1/people/:id/account',
    { schema: { tags, summary: api('The account linked to a contact (secretariat, admins)'), params: idParams, response: { 200: accountOut } } },
    async (request) => {
      allow(request.actor, 'link_account');
      await getPerson(db, request.params.id);
      const account = await accountOfPerson(db, request.params.id);
      if (!account) throw new AppError('not_found', peopleMessages(request.locale).noAccount);
      return account;
    },
  );
  app.put(
    '/api/v1/people/:id/account',
    {
      schema: {
        tags,
        summary: api('Link an account to a contact, by `userId` or `email` of the account (secretariat, admins); the account then holds the person’s roles'),
        params: idParams,
        body: linkBody,
        response: { 200: accountOut },
      },
    },
    async (request) => {
      allow(request.actor, 'link_account');
      const body = request.body;
      const userId = body.userId ?? (await findAccountByEmail(db, body.email ?? ''))?.id;
      if (!userId) throw invalid({ email: peopleMessages(request.locale).accountMissing });
      await linkAccountByHand(db, request.actor, request.params.id, userId, request.locale);
      return (await accountOfPerson(db, request.params.id))!;
    },
  );
  app.delete(
    '/api/v1/people/:id/account',
    { schema: { tags, summary: api('Unlink the account from a contact; the account stays, without roles (secretariat, admins)'), params: idParams } },
    async (request, reply) => {
      allow(request.actor, 'link_account');
      await unlinkAccount(db, request.actor, request.params.id, request.locale);
      return reply.status(204).send();
    },
  );
  app.delete('/api/v1/people/:id', { schema: { tags, summary: api('Delete a contact who holds no role'), params: idParams } }, async (request, reply) => {
    allow(request.actor, 'delete');
    await deletePerson(db, request.actor, request.params.id, request.locale);
    return reply.status(204).send();
  });
}

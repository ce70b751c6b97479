import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';
import { idParam, redirectWithFlash, sendPage, viewContext } from '../../platform/http/context.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { listRolesOfPerson } from '../activities/index.ts';
import { listOrganizationTree } from '../organizations/index.ts';
import { peopleMessages } from './messages.ts';
import { createPerson, deletePerson, getPerson, listPeople, personInput, personPatch, updatePerson } from './people.ts';
import { canPerson, type PersonAction } from './policy.ts';
import { PeopleListPage, PersonFormPage, PersonPage } from './views.tsx';

const idParams = z.object({ id: z.coerce.number().int().positive() });
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

  app.get('/people/:id', async (request, reply) => {
    allow(request.actor, 'read');
    const person = await getPerson(db, idParam(request.params));
    const organization = (await listOrganizationTree(db)).find((o) => o.id === person.organizationId);
    const roles = await listRolesOfPerson(db, person.id);
    return sendPage(reply, PersonPage({ ctx: viewContext(request, reply), person, organization, roles }));
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
    { schema: { tags, summary: 'Contacts (signed-in users)', querystring: z.object({ q: z.string().max(200).optional() }), response: { 200: z.array(personOut) } } },
    async (request) => {
      allow(request.actor, 'list');
      return listPeople(db, request.query.q);
    },
  );
  app.get('/api/v1/people/:id', { schema: { tags, summary: 'One contact', params: idParams, response: { 200: personOut } } }, async (request) => {
    allow(request.actor, 'read');
    return getPerson(db, request.params.id);
  });
  app.post('/api/v1/people', { schema: { tags, summary: 'Add a contact', body: personInput.strict(), response: { 201: personOut } } }, async (request, reply) => {
    allow(request.actor, 'create');
    return reply.status(201).send(await createPerson(db, request.actor, request.body, request.locale));
  });
  app.patch(
    '/api/v1/people/:id',
    { schema: { tags, summary: 'Change some fields of a contact', params: idParams, body: personPatch.strict(), response: { 200: personOut } } },
    async (request) => {
      allow(request.actor, 'update');
      return updatePerson(db, request.actor, request.params.id, request.body, request.locale);
    },
  );
  app.delete('/api/v1/people/:id', { schema: { tags, summary: 'Delete a contact who holds no role', params: idParams } }, async (request, reply) => {
    allow(request.actor, 'delete');
    await deletePerson(db, request.actor, request.params.id, request.locale);
    return reply.status(204).send();
  });
}

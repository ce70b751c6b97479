import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { requireUser } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';
import { idParam, redirectWithFlash, sendPage, viewContext } from '../../platform/http/context.ts';
import { submitForm } from '../../platform/http/forms.ts';
import { organizationMessages } from './messages.ts';
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  listOrganizationTree,
  organizationInput,
  organizationPatch,
  updateOrganization,
} from './organizations.ts';
import { canOrganization } from './policy.ts';
import { organizationKinds } from './schema.ts';
import { OrganizationFormPage, OrganizationListPage, OrganizationPage } from './views.tsx';
import { api } from './api-messages.ts';
import { rowId } from '../../platform/validation.ts';

const idParams = z.object({ id: rowId() });

const organizationOut = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  kind: z.enum(organizationKinds),
  acronym: z.string(),
  path: z.string(),
  name: z.string(),
  nameFr: z.string().nullable(),
  country: z.string().nullable(),
  website: z.string().nullable(),
  description: z.string().nullable(),
});

export function registerOrganizationRoutes(app: App, { database }: AppDeps) {
  const db = database.db;

  app.get('/organizations', async (request, reply) =>
    sendPage(reply, OrganizationListPage({ ctx: viewContext(request, reply), organizations: await listOrganizationTree(db) })),
  );

  app.get('/organizations/new', async (request, reply) => {
    requireUser(request.actor);
    if (!canOrganization(request.actor, 'create')) throw forbidden();
    return sendPage(reply, OrganizationFormPage({ ctx: viewContext(request, reply), organizations: await listOrganizationTree(db) }));
  });

  app.post('/organizations', async (request, reply) => {
    requireUser(request.actor);
    return submitForm(request, reply, {
      schema: organizationInput,
      action: async (input) => {
        const created = await createOrganization(db, request.actor, input, request.locale);
        return { location: `/organizations/${created.id}`, message: organizationMessages(request.locale).created };
      },
      render: async (ctx, state) => OrganizationFormPage({ ctx, organizations: await listOrganizationTree(db), ...state }),
    });
  });

  app.get('/organizations/:id', async (request, reply) => {
    const id = idParam(request.params);
    const organization = await getOrganization(db, id);
    const tree = await listOrganizationTree(db);
    return sendPage(
      reply,
      OrganizationPage({
        ctx: viewContext(request, reply),
        organization,
        children: tree.filter((o) => o.parentId === id),
        parent: tree.find((o) => o.id === organization.parentId),
      }),
    );
  });

  app.get('/organizations/:id/edit', async (request, reply) => {
    requireUser(request.actor);
    if (!canOrganization(request.actor, 'update')) throw forbidden();
    const id = idParam(request.params);
    return sendPage(
      reply,
      OrganizationFormPage({ ctx: viewContext(request, reply), organization: await getOrganization(db, id), organizations: await listOrganizationTree(db) }),
    );
  });

  app.post('/organizations/:id', async (request, reply) => {
    requireUser(request.actor);
    const id = idParam(request.params);
    return submitForm(request, reply, {
      schema: organizationInput,
      action: async (input) => {
        await updateOrganization(db, request.actor, id, input, request.locale);
        return { location: `/organizations/${id}`, message: organizationMessages(request.locale).saved };
      },
      render: async (ctx, state) =>
        OrganizationFormPage({ ctx, organization: await getOrganization(db, id), organizations: await listOrganizationTree(db), ...state }),
    });
  });

  app.post('/organizations/:id/delete', async (request, reply) => {
    requireUser(request.actor);
    const id = idParam(request.params);
    await deleteOrganization(db, request.actor, id, request.locale);
    return redirectWithFlash(reply, '/organizations', organizationMessages(request.locale).deleted);
  });

  const tags = ['organizations'];
  app.get(
    '/api/v1/organizations',
    { schema: { tags, summary: api('All organizations, parents before their groups'), response: { 200: z.array(organizationOut) } } },
    async () => listOrganizationTree(db),
  );
  app.get(
    '/api/v1/organizations/:id',
    { schema: { tags, summary: api('One organization'), params: idParams, response: { 200: organizationOut } } },
    async (request) => getOrganization(db, request.params.id),
  );
  app.post(
    '/api/v1/organizations',
    { schema: { tags, summary: api('Create an organization'), body: organizationInput.strict(), response: { 201: organizationOut } } },
    async (request, reply) => {
      requireUser(request.actor);
      const created = await createOrganization(db, request.actor, request.body, request.locale);
      return reply.status(201).send(await getOrganization(db, created.id));
    },
  );
  app.patch(
    '/api/v1/organizations/:id',
    { schema: { tags, summary: api('Change some fields of an organization'), params: idParams, body: organizationPatch.strict(), response: { 200: organizationOut } } },
    async (request) => {
      requireUser(request.actor);
      await updateOrganization(db, request.actor, request.params.id, request.body, request.locale);
      return getOrganization(db, request.params.id);
    },
  );
  app.delete(
    '/api/v1/organizations/:id',
    { schema: { tags, summary: api('Delete an organization nothing refers to'), params: idParams } },
    async (request, reply) => {
      requireUser(request.actor);
      await deleteOrganization(db, request.actor, request.params.id, request.locale);
      return reply.status(204).send();
    },
  );
}

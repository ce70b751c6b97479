// Drafting a liaison statement from a confirmed overlap: the button's form (lands on the draft) and the API. Thin: the
// rules are in coordination-drafts.ts.
import { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import { idParam, redirectWithFlash } from '../../platform/http/context.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { getActivity } from '../activities/index.ts';
import { liaisonHref } from '../liaisons/index.ts';
import { draftLiaisonFromOverlap, type LiaisonDraftResult } from './coordination-drafts.ts';
import { coordinationMessages } from './coordination-messages.ts';
import { api } from './api-messages.ts';
import { rowId } from '../../platform/validation.ts';

const params = z.object({ acronym: z.string().max(30), id: rowId() });
// Fresh schemas per use: a schema object used twice becomes a $ref the OpenAPI generator cannot name.
const draftOut = () =>
  z.object({
    created: z.boolean().describe('false when the activity had already drafted a statement from this pair: that one is answered, no second one is made'),
    statement: z.object({ id: z.number(), reference: z.string(), href: z.string().describe('the statement’s page') }),
    message: z.string(),
  });

export function registerCoordinationRoutes(app: App, { database, config }: AppDeps) {
  const db = database.db;
  const draft = async (request: { params: unknown; actor: Actor; locale: Locale }, pairId: number): Promise<LiaisonDraftResult & { activity: { acronym: string } }> => {
    const activity = await getActivity(db, request.actor, z.object({ acronym: z.string().max(30) }).parse(request.params).acronym);
    return { activity, ...(await draftLiaisonFromOverlap(db, request.actor, activity, pairId, { locale: request.locale, baseUrl: config.baseUrl })) };
  };
  const messageOf = (result: LiaisonDraftResult, locale: Locale) =>
    result.created ? coordinationMessages(locale).drafted(result.statement.reference) : coordinationMessages(locale).alreadyDrafted(result.statement.reference);

  // A new draft opens on its edit page; an existing one on its page, which says what state it is in.
  app.post('/activities/:acronym/overlaps/:id/liaison-draft', async (request, reply) => {
    const result = await draft(request, idParam(request.params));
    const href = liaisonHref(result.activity, result.statement.id);
    return redirectWithFlash(reply, result.created ? `${href}/edit` : href, messageOf(result, request.locale));
  });

  app.post(
    '/api/v1/activities/:acronym/overlaps/:id/liaison-draft',
    {
      schema: {
        tags: ['overlaps'],
        summary:
          api('Draft an outgoing liaison statement from a confirmed overlap (secretariat and chairs): to both entries’ bodies and their liaison representatives, written from the record; answers the existing draft if the activity already wrote one from this pair'),
        params,
        response: { 200: draftOut(), 201: draftOut() },
      },
    },
    async (request, reply) => {
      const result = await draft(request, request.params.id);
      const body = { created: result.created, statement: { ...result.statement, href: liaisonHref(result.activity, result.statement.id) }, message: messageOf(result, request.locale) };
      return reply.status(result.created ? 201 : 200).send(body);
    },
  );
}

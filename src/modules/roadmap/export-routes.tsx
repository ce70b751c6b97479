// Downloads of a roadmap: the filtered view as CSV, XLSX or JSON, and the roadmap document as DOCX or PDF.
// Each takes the roadmap page's query string and is readable by whoever can read the activity.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { notFound } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { type Activity, getActivity } from '../activities/activities.ts';
import { attachment, csvStream, entriesOfView, exportContentTypes, exportFileName, exportFormats, jsonStream, xlsxStream } from './export.ts';
import { canRoadmap } from './policy.ts';
import { roadmapQuery } from './query.ts';
import { roadmapDocumentData, roadmapDocx, roadmapPdf } from './roadmap-document.ts';
import { roadmapSearchFor } from './search.ts';

const acronymParams = z.object({ acronym: z.string().max(30) });

function sendFile(reply: FastifyReply, fileName: string, contentType: string, body: Readable | Buffer) {
  return reply
    .type(contentType)
    .header('content-disposition', attachment(fileName))
    .header('cache-control', 'no-store')
    .send(body);
}

export function registerRoadmapExportRoutes(app: App, { database }: AppDeps) {
  const db = database.db;
  // Its own copy of each roadmap, kept current from the event log like the roadmap page's, so a download is exactly
  // the view the page shows for the same query.
  const search = roadmapSearchFor(db);

  /** The activity (404 for whoever may not read it), the entries of the view, and the query that chose them. */
  async function view(request: FastifyRequest): Promise<{ activity: Activity; entries: Awaited<ReturnType<typeof entriesOfView>>; query: z.output<typeof roadmapQuery> }> {
    const activity = await getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
    if (!canRoadmap(request.actor, 'read', activity)) throw notFound();
    const query = parseInput(roadmapQuery, request.query, request.locale);
    return { activity, entries: await entriesOfView(search, activity.id, query), query };
  }

  for (const format of exportFormats) {
    app.get(`/activities/:acronym/roadmap/export.${format}`, { schema: { hide: true } }, async (request, reply) => {
      const { activity, entries } = await view(request);
      const body = format === 'csv' ? csvStream(entries) : format === 'json' ? jsonStream(entries) : xlsxStream(entries, `${activity.acronym} roadmap`);
      return sendFile(reply, exportFileName(activity.acronym, format), exportContentTypes[format], body);
    });
  }

  for (const format of ['docx', 'pdf'] as const) {
    app.get(`/activities/:acronym/roadmap/document.${format}`, { schema: { hide: true } }, async (request, reply) => {
      const { activity, entries, query } = await view(request);
      const data = await roadmapDocumentData(db, activity, entries, query, request.locale);
      const body = format === 'docx' ? await roadmapDocx(data) : roadmapPdf(data);
      return sendFile(reply, exportFileName(activity.acronym, format), exportContentTypes[format], body);
    });
  }
}

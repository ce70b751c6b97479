// Downloads of a roadmap: the filtered view as CSV, XLSX or JSON, and the roadmap document as DOCX or PDF.
// Each takes the roadmap page's query string and is readable by whoever can read the activity.
import { finished, Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { notFound } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { attachment, csvStream, entriesOfView, exportContentTypes, exportFileName, exportFormats, jsonStream, xlsxStream } from './export.ts';
import { documentSections } from './extensions.ts';
import { canRoadmap } from './policy.ts';
import { roadmapQuery } from './query.ts';
import { checkDocumentSize, roadmapDocumentData, roadmapDocx, roadmapPdf } from './roadmap-document.ts';
import { roadmapSearchFor } from './search.ts';
import { api } from './api-messages.ts';

const acronymParams = z.object({ acronym: z.string().max(30) });

/**
 * Downloads built at once in this process; the others wait their turn. Each can take seconds of CPU on a large
 * roadmap (the XLSX of 100,000 entries takes 5–8 s), and the public ones may be asked for by anyone.
 */
const concurrentDownloads = 2;

class DownloadTurns {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Waits for a turn; the returned function ends it (calling it again does nothing). */
  async take(): Promise<() => void> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const next = this.waiting.shift();
      if (next) next(); // the turn passes on: running stays the same
      else this.running--;
    };
  }
}

function sendFile(reply: FastifyReply, fileName: string, contentType: string, body: Readable | Buffer, endTurn: () => void) {
  // A stream's turn ends when it has been sent, or when the client has gone.
  if (body instanceof Readable) finished(body, () => endTurn());
  else endTurn();
  return reply
    .type(contentType)
    .header('content-disposition', attachment(fileName))
    .header('cache-control', 'no-store')
    .send(body);
}

export function registerRoadmapExportRoutes(app: App, { database }: AppDeps) {
  const db = database.db;
  // The app's one copy of each roadmap, which the roadmap page searches too: a download is exactly the view the page
  // shows for the same query.
  const search = roadmapSearchFor(db);
  const turns = new DownloadTurns(concurrentDownloads);

  /** Builds and sends one download in its turn; an error before sending ends the turn too. */
  async function inTurn(build: (endTurn: () => void) => Promise<FastifyReply>): Promise<FastifyReply> {
    const endTurn = await turns.take();
    try {
      return await build(endTurn);
    } catch (error) {
      endTurn();
      throw error;
    }
  }

  /** The activity (404 for whoever may not read it), the entries of the view, and the query that chose them. */
  async function view(request: FastifyRequest): Promise<{ activity: Activity; entries: Awaited<ReturnType<typeof entriesOfView>>; query: z.output<typeof roadmapQuery> }> {
    const activity = await getActivity(db, request.actor, acronymParams.parse(request.params).acronym);
    if (!canRoadmap(request.actor, 'read', activity)) throw notFound();
    const query = parseInput(roadmapQuery, request.query, request.locale);
    return { activity, entries: await entriesOfView(search, activity.id, query), query };
  }

  for (const format of exportFormats) {
    const exportView = async (request: FastifyRequest, reply: FastifyReply) => {
      const { activity, entries } = await view(request);
      return inTurn(async (endTurn) => {
        const body = format === 'csv' ? csvStream(entries) : format === 'json' ? jsonStream(entries) : xlsxStream(entries, `${activity.acronym} roadmap`);
        return sendFile(reply, exportFileName(activity.acronym, format), exportContentTypes[format], body, endTurn);
      });
    };
    app.get(`/activities/:acronym/roadmap/export.${format}`, { schema: { hide: true } }, exportView);
    // The same file for scripts (errors answer in JSON), in the OpenAPI document.
    app.get(
      `/api/v1/activities/:acronym/roadmap/export.${format}`,
      {
        schema: {
          tags: ['roadmap'],
          summary: {
            csv: api("Download the roadmap's entries that match the filters (all pages, the search's order) as CSV, in the import's columns"),
            xlsx: api("Download the roadmap's entries that match the filters (all pages, the search's order) as XLSX, in the import's columns"),
            json: api("Download the roadmap's entries that match the filters (all pages, the search's order) as JSON, in the import's columns"),
          }[format],
          params: acronymParams,
          querystring: roadmapQuery,
          produces: [exportContentTypes[format]],
        },
      },
      exportView,
    );
  }

  for (const format of ['docx', 'pdf'] as const) {
    app.get(`/activities/:acronym/roadmap/document.${format}`, { schema: { hide: true } }, async (request, reply) => {
      const { activity, entries, query } = await view(request);
      checkDocumentSize(entries.length, request.locale);
      return inTurn(async (endTurn) => {
        const data = { ...(await roadmapDocumentData(db, activity, entries, query, request.locale)), sections: await documentSections(app, db, request.actor, activity, request.locale) };
        const body = format === 'docx' ? await roadmapDocx(data) : roadmapPdf(data);
        return sendFile(reply, exportFileName(activity.acronym, format), exportContentTypes[format], body, endTurn);
      });
    });
  }
}

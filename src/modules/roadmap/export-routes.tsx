// Downloads of a roadmap: the filtered view as CSV, XLSX or JSON, and the roadmap document as DOCX or PDF.
// Each takes the roadmap page's query string and is readable by whoever can read the activity. The XLSX and the
// document are written on the worker pool (platform/workers): when a thread is free the request waits for its file;
// when every thread is busy, a page's request becomes a waiting download whose page shows its place in line, while
// the API's request waits its turn (ARCHITECTURE.md, "Heavy work off the request path").
import { finished, Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { notFound } from '../../platform/errors.ts';
import { markPersonal } from '../../platform/http/page-cache.ts';
import { sendPage, viewContext } from '../../platform/http/context.ts';
import { parseInput } from '../../platform/validation.ts';
import type { WorkKind } from '../../platform/workers/messages.ts';
import { workerPool } from '../../platform/workers/pool.ts';
import { WaitingDownloadPage } from '../../platform/workers/waiting-download-page.tsx';
import { downloadOwner, WaitingDownloads } from '../../platform/workers/waiting-downloads.ts';
import { type Activity, getActivity } from '../activities/index.ts';
import { attachment, csvStream, entriesOfView, exportContentTypes, exportFileName, exportFormats, exportRecord, exportWorker, jsonStream } from './export.ts';
import { documentSections } from './extensions.ts';
import { canRoadmap } from './policy.ts';
import { roadmapQuery } from './query.ts';
import { checkDocumentSize, roadmapDocumentData, roadmapDocumentInput, roadmapDocumentWorker } from './roadmap-document.ts';
import { roadmapSearchFor } from './search.ts';
import { api } from './api-messages.ts';

const acronymParams = z.object({ acronym: z.string().max(30) });

/**
 * CSV and JSON downloads streamed at once in this process; the others wait their turn. Each can take a second of CPU
 * on a large roadmap, and the public ones may be asked for by anyone. (The XLSX and the document wait for the pool.)
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
  const waiting = new WaitingDownloads();
  const roadmapPath = (activity: Activity) => `/activities/${encodeURIComponent(activity.acronym)}/roadmap`;

  /**
   * A file written by a task of the worker pool. A page's request made while every thread is busy gets a waiting
   * download (303 to its page); otherwise, and always for the API, the request waits for the bytes.
   */
  async function fileFromPool(
    request: FastifyRequest,
    reply: FastifyReply,
    file: { activity: Activity; module: URL; task: string; input: () => unknown; work: WorkKind; fileName: string; contentType: string },
  ): Promise<FastifyReply> {
    const pool = workerPool();
    const options = { work: file.work, locale: request.locale };
    if (pool.busy && !request.url.startsWith('/api/')) {
      const back = roadmapPath(file.activity);
      const download = waiting.add(downloadOwner(request.actor, request.ip), {
        fileName: file.fileName,
        contentType: file.contentType,
        backTo: back,
        start: () => pool.submit<Buffer>(file.module, file.task, file.input(), options),
      });
      return reply.redirect(`${back}/downloads/${download.id}`, 303);
    }
    const bytes = await pool.run<Buffer>(file.module, file.task, file.input(), options);
    return sendFile(reply, file.fileName, file.contentType, bytes, () => {});
  }

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
      const fileName = exportFileName(activity.acronym, format);
      if (format === 'xlsx') {
        return fileFromPool(request, reply, {
          activity,
          module: exportWorker,
          task: 'xlsx',
          input: () => ({ records: entries.map(exportRecord), sheetName: `${activity.acronym} roadmap` }),
          work: 'spreadsheet',
          fileName,
          contentType: exportContentTypes.xlsx,
        });
      }
      return inTurn(async (endTurn) => {
        const body = format === 'csv' ? csvStream(entries) : jsonStream(entries);
        return sendFile(reply, fileName, exportContentTypes[format], body, endTurn);
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
      // The reads happen here; the thread only writes.
      const data = { ...(await roadmapDocumentData(db, activity, entries, query, request.locale)), sections: await documentSections(app, db, request.actor, activity, request.locale) };
      return fileFromPool(request, reply, {
        activity,
        module: roadmapDocumentWorker,
        task: format,
        input: () => roadmapDocumentInput(data),
        work: 'document',
        fileName: exportFileName(activity.acronym, format),
        contentType: exportContentTypes[format],
      });
    });
  }

  // A download waiting its turn: its page (where it stands; refreshes itself), then its file. Only its owner finds it.
  const downloadParams = z.object({ acronym: z.string().max(30), id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) });
  async function waitingDownload(request: FastifyRequest) {
    markPersonal(request);
    const params = downloadParams.safeParse(request.params);
    if (!params.success) throw notFound();
    const activity = await getActivity(db, request.actor, params.data.acronym);
    if (!canRoadmap(request.actor, 'read', activity)) throw notFound();
    const download = waiting.get(downloadOwner(request.actor, request.ip), params.data.id);
    // A download belongs to the roadmap it was asked from too: under another activity's address it does not exist.
    if (download.backTo !== roadmapPath(activity)) throw notFound();
    return { activity, download };
  }
  app.get('/activities/:acronym/roadmap/downloads/:id', { schema: { hide: true } }, async (request, reply) => {
    const { activity, download } = await waitingDownload(request);
    return sendPage(reply, WaitingDownloadPage({ ctx: viewContext(request, reply), download, fileHref: `${roadmapPath(activity)}/downloads/${download.id}/file` }));
  });
  app.get('/activities/:acronym/roadmap/downloads/:id/file', { schema: { hide: true } }, async (request, reply) => {
    const { activity, download } = await waitingDownload(request);
    const state = download.state();
    // Not ready (or failed): the page says where it stands.
    if (state.state !== 'ready') return reply.redirect(`${roadmapPath(activity)}/downloads/${download.id}`, 303);
    return sendFile(reply, download.fileName, download.contentType, state.bytes, () => {});
  });
}

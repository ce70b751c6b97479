// The document model written as a DOCX. The writer and the docx library it uses (70 ms of CPU and 9 MB to load) are
// loaded the first time a DOCX is written, not at start: most processes never write one. On the main thread the
// writing goes to the worker pool (documents-worker.ts): a long document takes seconds of CPU that requests must not
// wait behind; on a worker thread (a task building a document of its own) it is written there.
import { runOffThread } from '../workers/pool.ts';
import type { DocumentModel } from './model.ts';

let writer: Promise<typeof import('./docx-writer.ts')> | undefined;

/** The document as DOCX bytes (A4, 2 cm margins; see docx-writer.ts). On the main thread the model must be plain data. */
export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  return runOffThread(documentsWorker, 'docx', model, { work: 'document', locale: model.locale }, () => writeDocx(model));
}

/** The DOCX written on this thread. */
export async function writeDocx(model: DocumentModel): Promise<Buffer> {
  // A failed load is not kept, so the next document tries again.
  writer ??= import('./docx-writer.ts').catch((error: unknown) => {
    writer = undefined;
    throw error;
  });
  return (await writer).renderDocx(model);
}

export const documentsWorker = new URL('./documents-worker.ts', import.meta.url);

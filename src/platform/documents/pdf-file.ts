// The document model written as a PDF file, on the worker pool when called from the main thread (see docx.ts).
import { buffer } from 'node:stream/consumers';
import { runOffThread } from '../workers/pool.ts';
import { documentsWorker } from './docx.ts';
import type { DocumentModel } from './model.ts';

/** The document as PDF bytes. On the main thread the model must be plain data (no figure drawn by a function). */
export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  return runOffThread(documentsWorker, 'pdf', model, { work: 'document', locale: model.locale }, () => writePdfFile(model));
}

/** The PDF written on this thread, as bytes. */
export async function writePdfFile(model: DocumentModel): Promise<Buffer> {
  const { writePdf } = await import('./pdf.ts');
  return buffer(writePdf(model));
}

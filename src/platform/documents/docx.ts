// The document model written as a DOCX. The writer and the docx library it uses (70 ms of CPU and 9 MB to load) are
// loaded the first time a DOCX is written, not at start: most processes never write one.
import type { DocumentModel } from './model.ts';

let writer: Promise<typeof import('./docx-writer.ts')> | undefined;

/** The document as DOCX bytes (A4, 2 cm margins; see docx-writer.ts). */
export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  // A failed load is not kept, so the next document tries again.
  writer ??= import('./docx-writer.ts').catch((error: unknown) => {
    writer = undefined;
    throw error;
  });
  return (await writer).renderDocx(model);
}

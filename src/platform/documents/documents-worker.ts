// The worker pool's tasks that write a document model (plain data: no figure drawn by a function) as DOCX or PDF.
import { writeDocx } from './docx.ts';
import type { DocumentModel } from './model.ts';
import { writePdfFile } from './pdf-file.ts';

export const tasks = {
  docx: (model: DocumentModel) => writeDocx(model),
  pdf: (model: DocumentModel) => writePdfFile(model),
};

// The worker pool's task that writes a roadmap export as XLSX (5–8 s of CPU for 100,000 entries): the records were
// read on the main thread, the workbook is written here and handed back as bytes.
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { type ExportRecord, writeXlsx } from './export.ts';

export const tasks = {
  xlsx: async (input: { records: ExportRecord[]; sheetName: string }) => {
    const output = new PassThrough();
    const bytes = buffer(output);
    await writeXlsx(input.records, output, input.sheetName);
    return bytes;
  },
};

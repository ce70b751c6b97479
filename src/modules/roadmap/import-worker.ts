// The worker pool's task that reads an uploaded roadmap file (CSV, XLSX or JSON; an XLSX of 100,000 rows takes
// seconds of CPU). Bytes in, rows and errors out; what the rows change is planned on the main thread.
import { type ImportFile, type ImportOptions, parseImportFile } from './import-files.ts';

export const tasks = {
  parse: (input: { file: ImportFile; options: ImportOptions }) => parseImportFile(input.file, input.options),
};

// The worker pool's task that reads a Word document's body (word-body.ts) through the bounded archive reader: the
// contribution cover check and the circular checker send the bytes here. A refusal comes back as data (the pool turns
// a plain AppError into an AppError, not into the ArchiveRefusedError its callers ask about), rebuilt by readWordFile.
import { type ArchiveOptions, ArchiveRefusedError, withArchive } from './archive-reader.ts';
import { readWordBody, type WordBody } from './word-body.ts';

export const tasks = {
  read: async (input: { bytes: Uint8Array; options: ArchiveOptions }): Promise<WordBody> => {
    try {
      return { blocks: await withArchive(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength), input.options, readWordBody) };
    } catch (error) {
      if (error instanceof ArchiveRefusedError) return { refused: { reason: error.reason, fileName: error.fileName, message: error.message, part: error.part, limit: error.limit } };
      if (error instanceof Error && error.message === 'no word/document.xml') return { notWord: true };
      throw error;
    }
  },
};

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { AppError } from './errors.ts';
import { checkUpload } from './files.ts';

const options = { field: 'file', allowed: ['pdf', 'docx', 'txt', 'zip'] as const, maxBytes: 1024 * 1024, locale: 'en' as const };
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function docx(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>');
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** The field message of a refused upload. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, 'an AppError');
    const fields = error.details?.fields as Record<string, string>;
    return fields.file ?? '';
  }
  assert.fail('the upload should have been refused');
}

describe('checkUpload', () => {
  it('accepts a PDF and a DOCX recognised from their bytes, with hash and content type', async () => {
    const checked = await checkUpload({ fileName: 'C-001.pdf', contentType: 'application/octet-stream', bytes: pdf }, options);
    assert.equal(checked.kind, 'pdf');
    assert.equal(checked.contentType, 'application/pdf');
    assert.equal(checked.size, pdf.length);
    assert.match(checked.sha256, /^[0-9a-f]{64}$/);
    const word = await checkUpload({ fileName: 'Contribution.DOCX', contentType: 'text/plain', bytes: await docx() }, options);
    assert.equal(word.kind, 'docx');
  });

  it('accepts UTF-8 text and refuses binary data named .txt', async () => {
    assert.equal((await checkUpload({ fileName: 'notes.txt', contentType: '', bytes: Buffer.from('Réunion à Genève\n') }, options)).kind, 'txt');
    assert.match(
      await refusal(checkUpload({ fileName: 'notes.txt', contentType: '', bytes: Buffer.from([0xff, 0x00, 0x12]) }, options)),
      /not a UTF-8 text file/,
    );
  });

  it('accepts a calendar named .ics with CRLF or LF line endings, and refuses text or binary data named .ics', async () => {
    const calendars = { ...options, allowed: ['ics', 'txt'] as const };
    const crlf = Buffer.from('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Concord//EN\r\nBEGIN:VEVENT\r\nSUMMARY:Réunion\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
    const checked = await checkUpload({ fileName: 'JCA-MV-meeting-2.ics', contentType: 'text/calendar', bytes: crlf }, calendars);
    assert.equal(checked.kind, 'ics');
    assert.equal(checked.contentType, 'text/calendar; charset=utf-8');
    const lf = Buffer.from(crlf.toString('utf8').replace(/\r\n/g, '\n'));
    assert.equal((await checkUpload({ fileName: 'meeting.ICS', contentType: '', bytes: lf }, calendars)).kind, 'ics');
    assert.equal((await checkUpload({ fileName: 'calendar-notes.txt', contentType: '', bytes: crlf }, calendars)).kind, 'txt', 'a calendar is text too');
    assert.equal(
      await refusal(checkUpload({ fileName: 'meeting.ics', contentType: '', bytes: Buffer.from('Meeting on Tuesday\n') }, calendars)),
      '“meeting.ics” is not a calendar file: its first line should be BEGIN:VCALENDAR.',
    );
    assert.match(await refusal(checkUpload({ fileName: 'meeting.ics', contentType: '', bytes: Buffer.concat([crlf, Buffer.from([0xff, 0])]) }, calendars)), /not a UTF-8 text file/);
  });

  it('refuses a missing, empty, too large, forbidden or mislabelled file with a message naming it', async () => {
    assert.equal(await refusal(checkUpload(undefined, options)), 'Choose a file to upload.');
    assert.equal(await refusal(checkUpload({ fileName: 'a.pdf', contentType: '', bytes: Buffer.alloc(0) }, options)), '“a.pdf” is empty (0 bytes).');
    assert.equal(
      await refusal(checkUpload({ fileName: 'big.pdf', contentType: '', bytes: Buffer.concat([pdf, Buffer.alloc(1024 * 1024)]) }, options)),
      '“big.pdf” is larger than the 1 MB limit.',
    );
    assert.equal(
      await refusal(checkUpload({ fileName: 'run.exe', contentType: '', bytes: pdf }, options)),
      '“run.exe” is not an allowed type; allowed types: PDF, DOCX, TXT, ZIP.',
    );
    assert.equal(
      await refusal(checkUpload({ fileName: 'README', contentType: '', bytes: pdf }, options)),
      '“README” has no file extension; allowed types: PDF, DOCX, TXT, ZIP.',
    );
    assert.match(await refusal(checkUpload({ fileName: 'report.docx', contentType: '', bytes: pdf }, options)), /its content is PDF/);
    assert.match(await refusal(checkUpload({ fileName: 'slides.pdf', contentType: '', bytes: Buffer.from('just text') }, options)), /content is/);
  });

  it('speaks French', async () => {
    assert.equal(await refusal(checkUpload(undefined, { ...options, locale: 'fr' })), 'Choisissez un fichier à téléverser.');
  });
});

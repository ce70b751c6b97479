// The document writer: text in every script comes back from the PDF's text layer (Arabic in logical order) and sits
// in the right font slot of the DOCX; runs are cut by script and right-to-left runs ordered by the bidi algorithm.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buffer } from 'node:stream/consumers';
import JSZip from 'jszip';
import { pdfText, pdfTextMissing } from '../../../test/support/pdf-text.ts';
import { renderDocx } from './docx.ts';
import { faceRuns, fontFilesFor } from './fonts.ts';
import { cell, cleanText, type DocumentModel } from './model.ts';
import { writePdf } from './pdf.ts';
import { svgToPng } from './pictures.ts';
import { scriptRuns, visualOrder } from './scripts.ts';

const names = {
  chinese: '王小明',
  body: '中国通信标准化协会',
  arabic: 'محمد بن سلمان',
  russian: 'Иван Петрович Сидоров',
  korean: '김민준',
  greek: 'Γιώργος Παπαδόπουλος',
  hebrew: 'דוד כהן',
};

const participants: DocumentModel = {
  locale: 'en',
  title: 'Participants',
  subject: 'Names in every script',
  header: `CCSA ${names.body}`,
  footer: { text: 'Concord', pageNumbers: true },
  blocks: [
    {
      kind: 'letterhead',
      sender: ['International Telecommunication Union', 'Telecommunication Standardization Bureau'],
      placeAndDate: 'Geneva, 6 December 2026',
      details: [
        { label: 'Ref.:', value: 'TSB Circular 7' },
        { label: 'Contact:', value: names.russian },
        { label: 'E-mail:', value: [{ text: 'tsbjca@itu.int', link: 'mailto:tsbjca@itu.int' }] },
      ],
      addressees: { label: 'To:', lines: ['Administrations of Member States', names.body] },
      subject: { label: 'Subject:', text: 'First meeting of JCA-QKDN' },
    },
    { kind: 'title', text: 'Participants' },
    { kind: 'heading', level: 1, text: '1 Chairs' },
    { kind: 'paragraph', text: [{ text: 'Chair: ', bold: true }, names.chinese, ` (${names.body})`] },
    { kind: 'paragraph', text: `Vice-chair: ${names.arabic}, and ${names.korean}.` },
    { kind: 'item', number: '1', depth: 1, text: `Welcome by ${names.greek}` },
    { kind: 'bullet', depth: 1, text: `${names.russian}; ${names.hebrew}` },
    {
      kind: 'table',
      widths: [0.3, 0.7],
      header: [cell('Language'), cell('Name')],
      rows: Object.entries(names).map(([language, name]) => [cell(language), cell(name)]),
    },
  ],
};

describe('scripts', () => {
  it('cuts text into runs of one script, neutral characters staying with the run before them', () => {
    assert.deepEqual(scriptRuns(`Chair: ${names.chinese} (${names.arabic}) ${names.korean}`), [
      { text: 'Chair: ', script: 'latin' },
      { text: `${names.chinese} (`, script: 'han' },
      { text: `${names.arabic}) `, script: 'arabic' },
      { text: names.korean, script: 'hangul' },
    ]);
    assert.deepEqual(scriptRuns('(1) Иван, Γιώργος'), [{ text: '(1) Иван, Γιώργος', script: 'latin' }]);
  });

  it('gives each run a face that has its characters', () => {
    assert.deepEqual(
      faceRuns(`Name: ${names.arabic} / ${names.chinese} / ${names.korean}`).map((r) => [r.face, r.text]),
      [
        ['latin', 'Name: '],
        ['arabic', `${names.arabic} `],
        ['latin', '/ '], // the Arabic face has no slash
        ['hans', `${names.chinese} / `],
        ['kr', names.korean],
      ],
    );
  });

  it('orders pieces for display by their bidi levels', () => {
    const pieces = [
      { text: 'Chair: ', level: 0 },
      { text: 'محمد', level: 1 },
      { text: ' ', level: 1 },
      { text: '2023', level: 2 },
      { text: ' بن', level: 1 },
      { text: '.', level: 0 },
    ];
    assert.deepEqual(visualOrder(pieces).map((p) => p.text), ['Chair: ', ' بن', '2023', ' ', 'محمد', '.']);
  });
});

describe('document writer', () => {
  it('drops what XML cannot hold, keeping characters outside the basic plane', () => {
    assert.equal(cleanText('a\u0007b\ud800c\udc00d 𠀀'), 'abcd 𠀀');
  });

  it('writes any text without failing: broken surrogates, control characters, a word wider than the page', async () => {
    const odd: DocumentModel = { ...participants, blocks: [{ kind: 'paragraph', text: `\ud800\u0001${'x'.repeat(400)} 𠀀 \u202e${names.arabic}` }] };
    const pdf = await buffer(writePdf(odd));
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const xml = await (await JSZip.loadAsync(await renderDocx(odd))).file('word/document.xml')!.async('string');
    assert.ok(!/[\u0001\ud800]/.test(xml));
  });

  it('writes a PDF whose text layer gives back every name, Arabic in logical order', { skip: pdfTextMissing }, async () => {
    const pdf = await buffer(writePdf(participants));
    const text = pdfText(pdf);
    for (const name of Object.values(names)) assert.ok(text.includes(name), `${name} in: ${text}`);
    assert.ok(text.includes(`Vice-chair: ${names.arabic}, and ${names.korean}.`), text);
    assert.ok(text.includes('Ref.: TSB Circular 7'), 'the letterhead');
  });

  it('embeds a face per script, subset, never a standard font', async () => {
    const pdf = (await buffer(writePdf(participants))).toString('latin1');
    const faces = [...pdf.matchAll(/\/BaseFont \/[A-Z]{6}\+([A-Za-z-]+)/g)].map((m) => m[1]);
    for (const face of ['NotoSans-Regular', 'NotoSans-Bold', 'NotoNaskhArabic', 'NotoSansHebrew', 'NotoSansHans-Regular', 'NotoSansKR-Regular']) {
      assert.ok(faces.includes(face), `${face} among ${faces.join(', ')}`);
    }
    assert.ok(!pdf.includes('/Helvetica'), 'no standard font');
    assert.ok(pdf.length < 400_000, `subset faces keep the file small (${pdf.length} bytes)`);
  });

  it('writes a DOCX whose runs carry the east-Asian and complex-script fonts, Arabic right to left', async () => {
    const zip = await JSZip.loadAsync(await renderDocx(participants));
    const xml = await zip.file('word/document.xml')!.async('string');
    const runWith = (text: string) => [...xml.matchAll(/<w:r>(?:(?!<\/w:r>).)*<\/w:r>/gs)].map((m) => m[0]).find((run) => run.includes(`>${text}`));
    const arabic = runWith(names.arabic);
    assert.ok(arabic, 'the Arabic name, in logical order, in one run');
    assert.match(arabic, /<w:rtl\/>/);
    assert.match(arabic, /w:cs="Arial"/);
    assert.match(arabic, /w:bidi="ar-SA"/);
    const chinese = runWith(names.chinese);
    assert.ok(chinese);
    assert.match(chinese, /w:eastAsia="Microsoft YaHei"/);
    assert.match(chinese, /w:eastAsia="zh-CN"/);
    assert.match(runWith(names.korean) ?? '', /w:eastAsia="Malgun Gothic"/);
    assert.match(runWith(names.hebrew) ?? '', /<w:rtl\/>[\s\S]*w:bidi="he-IL"/);
    const russian = runWith(names.russian) ?? '';
    assert.ok(russian && !russian.includes('w:eastAsia') && !russian.includes('<w:rtl'), 'Cyrillic is written in the Latin slot');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const name of Object.values(names)) assert.ok(text.includes(name), name);
    assert.ok(text.includes('Subject: First meeting of JCA-QKDN'));
    const footer = await zip.file('word/footer1.xml')?.async('string');
    assert.match(footer ?? '', /PAGE/, 'page numbers in the footer');
  });

  it('draws pictures with the packaged faces, reading the CJK ones only for text that needs them', () => {
    assert.ok(fontFilesFor('Y.3800 2023').every((file) => file.includes('NotoSans-')));
    assert.ok(fontFilesFor(`Y.3800 ${names.chinese}`).some((file) => file.includes('NotoSansHans-')));
    const svg = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><text x="4" y="20" font-family="sans-serif" font-size="16">${text}</text></svg>`;
    const inked = (png: Buffer) => png.length;
    // A drawn label makes a larger PNG than an empty picture: the face was found (no system font is read).
    assert.ok(inked(svgToPng(svg(names.chinese))) > inked(svgToPng(svg(''))) + 100);
    assert.ok(inked(svgToPng(svg(names.arabic))) > inked(svgToPng(svg(''))) + 100);
  });
});

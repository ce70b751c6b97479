// CSV as spreadsheets read it: RFC 4180 quoting, UTF-8 with a byte order mark (so Excel reads accents right), CRLF
// line ends, and no cell that a spreadsheet would run as a formula (OWASP, CSV injection).

/**
 * Makes a cell safe to open in a spreadsheet: a value starting with =, +, -, @, a tab or a carriage return gets a
 * leading apostrophe, so it is shown as text and never run as a formula.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
export function quoteCsvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line of cells, each neutralised and quoted, without its line end. */
export function csvLine(cells: string[]): string {
  return cells.map((cell) => quoteCsvField(neutraliseFormula(cell))).join(',');
}

/** A whole file: a byte order mark, then each row as a line ending in CRLF. */
export function csvDocument(rows: string[][]): string {
  return `\uFEFF${rows.map((row) => `${csvLine(row)}\r\n`).join('')}`;
}

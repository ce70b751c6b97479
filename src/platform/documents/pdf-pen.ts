// What a figure drawn for the PDF (the roadmap timeline) is given: pdfkit for the shapes, and single lines of text
// written with the document's faces, so a label in any script is drawn as in the rest of the document.

export type TextBox = { left: number; top: number; right: number; bottom: number };

export type PenTextOptions = {
  size: number;
  bold?: boolean;
  color?: string;
  /** the width to align in; with `ellipsis`, text longer than it is cut and ends with "…" */
  width?: number;
  align?: 'left' | 'center' | 'right';
  ellipsis?: boolean;
};

export interface PdfPen {
  readonly doc: PDFKit.PDFDocument;
  /** One line of text, never wrapped, its top at `y`. */
  line(text: string, x: number, y: number, options: PenTextOptions): void;
  /** The width a line of text takes. */
  widthOf(text: string, options: { size: number; bold?: boolean }): number;
  /** The current page's text box (inside the margins, header and footer). */
  box(): TextBox;
  /** Starts a page (turned as given, else as the current one) and returns its text box. */
  addPage(orientation?: 'portrait' | 'landscape'): TextBox;
}

// SVG pictures drawn as PNG (resvg) with the documents' faces, not the system's: a server often has no fonts at all,
// and a chart's labels in Chinese or Arabic must look as they do in the rest of the document.
import { Resvg } from '@resvg/resvg-js';
import { faceFamilies, fontFilesFor } from './fonts.ts';

/** The text an SVG shows (its elements' content), to choose the faces it needs. */
const svgText = (svg: string) => svg.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');

/** An SVG drawn as a PNG at `zoom` times its size; text in the document's faces (only those its text needs are read). */
export function svgToPng(svg: string, zoom = 1): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    font: { loadSystemFonts: false, fontFiles: fontFilesFor(svgText(svg)), defaultFontFamily: faceFamilies.latin, sansSerifFamily: faceFamilies.latin },
  });
  return resvg.render().asPng();
}

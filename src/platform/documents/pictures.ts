// SVG pictures drawn as PNG (resvg) with the documents' faces, not the system's: a server often has no fonts at all,
// and a chart's labels in Chinese or Arabic must look as they do in the rest of the document.
import { createRequire } from 'node:module';
import { faceFamilies, fontFilesFor } from './fonts.ts';

// resvg (a native addon) is loaded the first time a picture is drawn, not at start: most processes never draw one.
// Required, not imported, so svgToPng stays synchronous for its callers.
const require = createRequire(import.meta.url);
let resvg: typeof import('@resvg/resvg-js') | undefined;
const loadResvg = () => (resvg ??= require('@resvg/resvg-js') as typeof import('@resvg/resvg-js'));

/** The text an SVG shows (its elements' content), to choose the faces it needs. */
const svgText = (svg: string) => svg.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');

/** An SVG drawn as a PNG at `zoom` times its size; text in the document's faces (only those its text needs are read). */
export function svgToPng(svg: string, zoom = 1): Buffer {
  const { Resvg } = loadResvg();
  const picture = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    font: { loadSystemFonts: false, fontFiles: fontFilesFor(svgText(svg)), defaultFontFamily: faceFamilies.latin, sansSerifFamily: faceFamilies.latin },
  });
  return picture.render().asPng();
}

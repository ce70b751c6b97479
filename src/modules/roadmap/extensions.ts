// What other modules add to the roadmap's landscape matrix and to the roadmap document, handed in through the
// roadmap's public surface (`extendRoadmap`) so that the roadmap imports none of them (the gaps module adds a link to
// each empty cell for those who record gaps, and a section to the document). Kept per app: an app built with another
// list of modules gets only its own modules' additions.
import type { Tx } from '../../db/engine.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Block } from '../../platform/documents/model.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { App } from '../../platform/module-manifest.ts';
import type { Activity } from '../activities/index.ts';

/** Links in the empty cells of the landscape matrix, for one reader. */
export type MatrixCellLinks = {
  /** The link of the empty cell of `topic` (the row) and `organization` (the column, as the matrix names it), if any. */
  href(topic: string, organization: string): string | undefined;
  /** The link's words for screen readers, in place of the cell's "no entry"; its row and column headers say which cell. */
  label: string;
  /** A line under the matrix's key saying what the links do, with a link of its own. */
  key?: { text: string; link?: { href: string; label: string } };
};

/** A section added to the roadmap document after its own; `blocks` gets the section's number ("5") for its headings. */
export type RoadmapDocumentSection = { heading: string; blocks(number: string): Block[] };

export type RoadmapExtension = {
  matrixCells?(tx: Tx, actor: Actor, activity: Activity, locale: Locale): Promise<MatrixCellLinks | undefined>;
  documentSection?(tx: Tx, actor: Actor, activity: Activity, locale: Locale): Promise<RoadmapDocumentSection | undefined>;
};

const extensionsByApp = new WeakMap<object, RoadmapExtension[]>();

/** Adds to the roadmap's matrix and document in this app (called from a module's `routes`). */
export function extendRoadmap(app: App, extension: RoadmapExtension): void {
  extensionsByApp.set(app, [...(extensionsByApp.get(app) ?? []), extension]);
}

/** The empty cells' links for this reader: the first extension that offers some. */
export async function matrixCellLinks(app: App, tx: Tx, actor: Actor, activity: Activity, locale: Locale): Promise<MatrixCellLinks | undefined> {
  for (const extension of extensionsByApp.get(app) ?? []) {
    const links = await extension.matrixCells?.(tx, actor, activity, locale);
    if (links) return links;
  }
  return undefined;
}

/** The sections the extensions add to the document for this reader, in the order they were added. */
export async function documentSections(app: App, tx: Tx, actor: Actor, activity: Activity, locale: Locale): Promise<RoadmapDocumentSection[]> {
  const sections: RoadmapDocumentSection[] = [];
  for (const extension of extensionsByApp.get(app) ?? []) {
    const section = await extension.documentSection?.(tx, actor, activity, locale);
    if (section) sections.push(section);
  }
  return sections;
}

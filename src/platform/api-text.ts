// API summaries and descriptions in two languages: routes write the English (which the OpenAPI document carries)
// through a function that accepts only the keys of a French catalogue, so an endpoint without its French does not
// compile. The API reference page reads the catalogues (gathered from the modules' manifests) for French readers.

/** The identity on the English texts `french` translates, and only on those. */
export function englishOf<T extends Readonly<Record<string, string>>>(_french: T): <K extends keyof T & string>(english: K) => K {
  return (english) => english;
}

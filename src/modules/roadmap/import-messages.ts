// The words of a roadmap import's refusals, in English and French. A file-level message names its line itself, as it
// may be shown alone; a row message does not, as the line and the column are shown beside it.
import type { Locale } from '../../platform/i18n/locale.ts';

type Format = 'csv' | 'xlsx' | 'json';

const enFormats: Record<Format, string> = { csv: 'CSV', xlsx: 'an Excel workbook (XLSX)', json: 'JSON' };
const frFormats: Record<Format, string> = { csv: 'du CSV', xlsx: 'un classeur Excel (XLSX)', json: 'du JSON' };

const en = {
  file: {
    empty: 'The file is empty.',
    tooLarge: (size: string, limit: string) =>
      `The file is ${size} MB; the limit is ${limit} MB. Split it into smaller files and import them one after the other.`,
    nulByte: (line: number) =>
      `Line ${line} holds an invisible NUL character, which a text file should not contain. Remove it, or export the file again as CSV UTF-8.`,
    utf16:
      'The file is in UTF-16 (“Unicode text”), not UTF-8. In your spreadsheet, choose “Save as” and the type “CSV UTF-8 (comma delimited)”, then import that file.',
    notUtf8: (line: number, excerpt: string) =>
      `The file is not in UTF-8: line ${line} (near “${excerpt}”) holds a character written in another encoding, such as Windows-1252 or Latin-1. In your spreadsheet, choose “Save as” and the type “CSV UTF-8 (comma delimited)”, then import that file.`,
    oldExcel:
      'This is an Excel 97–2003 file (.xls) or a workbook protected by a password, which cannot be read. Open it in your spreadsheet and save it as “Excel Workbook (.xlsx)” without a password, or as “CSV UTF-8”.',
    nameMismatch: (fileName: string, expected: Format, found: Format) =>
      `The file is named “${fileName}”, which says ${enFormats[expected]}, but it holds ${enFormats[found]}. Check that you chose the right file, or give it the right extension.`,
    typeMismatch: (contentType: string, expected: Format, found: Format) =>
      `The file was sent as “${contentType}”, which says ${enFormats[expected]}, but it holds ${enFormats[found]}.`,
    csvQuoteNotClosed: (line: number) =>
      `On line ${line}, a value opens with a double quote (") that is never closed. Close the quote, or remove it.`,
    csvBadQuote: (line: number, separator: string) =>
      `On line ${line}, a quoted value is followed by other text before the next “${separator}”. Put the whole value inside the quotes, and double any quote inside it ("").`,
    xlsxUnreadable:
      'This Excel file cannot be read: it may be damaged, or not a workbook. Open it in your spreadsheet and save it again as “Excel Workbook (.xlsx)”.',
    xlsxNoSheet: 'This Excel workbook has no sheet.',
    jsonInvalid: (line: number) => `The file is not valid JSON: the first mistake is on line ${line}.`,
    jsonNotArray: 'A JSON file must hold a list of objects, such as [{"organization": "ITU-T", "identifier": "Y.3800", "title": "…"}].',
    noHeader: 'The file has no header line. The first line must name the columns, such as: organization, identifier, title.',
    noRows: 'The file has a header line but no entries below it.',
    jsonEmpty: 'The list in this JSON file is empty.',
    tooManyRows: (max: string) => `The file has more than ${max} entries. Split it into smaller files.`,
    missingColumn: (field: string, synonyms: string[], found: string[]) =>
      `The required column “${field}” is missing${synonyms.length ? ` (also accepted: ${synonyms.join(', ')})` : ''}. Columns found: ${found.length ? found.join(', ') : 'none'}.`,
    duplicateColumn: (field: string, headers: string[]) =>
      `The columns ${headers.map((h) => `“${h}”`).join(' and ')} both give the ${field}. Keep one of them, or choose in the column mapping which one to use.`,
    mappingUnknownHeader: (header: string, found: string[]) =>
      `The column mapping names a column “${header}” that the file does not have. Columns found: ${found.join(', ')}.`,
    mappingUnknownField: (field: string, fields: string[]) =>
      `The column mapping names a field “${field}” that does not exist. Fields: ${fields.join(', ')}.`,
    moreErrors: (count: string) => `…and ${count} more errors not listed. Correct the ones above and try again.`,
  },
  row: {
    required: 'This value is required.',
    status: (value: string) =>
      `“${value}” is not a status. Use one of: planned, in development, approved, published, superseded, withdrawn.`,
    kind: (value: string) =>
      `“${value}” is not a kind of document. Use one of: Recommendation, International Standard, Technical Specification, Technical Report, Supplement, RFC, Internet-Draft, work item, other.`,
    date: (value: string) => `“${value}” is not a date. Write it as YYYY-MM-DD (2024-03-31) or YYYY-MM (2024-03).`,
    dateRange: (value: string) => `The date ${value} is not between 1900 and 2100.`,
    year: (value: string) => `“${value}” is not a year between 1900 and 2100.`,
    url: (value: string) => `“${value}” is not a web address. Write the full address, starting with https:// or http://.`,
    tooLong: (max: number, length: number) => `This value has ${length} characters; the limit is ${max}. Shorten it.`,
    topicTooLong: (max: number, topic: string) =>
      `The topic “${topic}” is longer than ${max} characters. Separate several topics with “;”.`,
    tooManyTopics: (max: number, count: number) => `There are ${count} topics here; the limit is ${max}.`,
    equivalentTooLong: (max: number, number: string) =>
      `The equivalent number “${number}” is longer than ${max} characters. Separate several numbers with “;” or “|”.`,
    equivalentWithoutDigit: (value: string) => `“${value}” is not a number: each equivalent number has digits, e.g. ISO/IEC 9594-8.`,
    equivalentIsOwn: (value: string) => `“${value}” is this entry’s own identifier, not another body’s number for the same text.`,
    tooManyEquivalents: (max: number, count: number) => `There are ${count} equivalent numbers here; the limit is ${max}.`,
    formula: (excerpt: string) =>
      `“${excerpt}” starts like a spreadsheet formula, which could run when the file is opened in a spreadsheet. Remove the leading sign, or reword the value.`,
    formulaCell: (excerpt: string) =>
      `This cell holds a formula (${excerpt}). Formulas are refused because they can run when the file is opened again: type the value itself.`,
    errorCell: (code: string) => `This cell holds a spreadsheet error (${code}). Type the value itself.`,
    notText: 'This value is a list or an object; give text or a number.',
    nulCharacter: 'This value contains an invisible NUL character, which cannot be stored. Remove it.',
    notAnObject: 'This item is not an object with fields: each item of the list must look like {"identifier": "…", …}.',
    extraCells: (cells: number, columns: number, separator: string) =>
      `This line has ${cells} values but the header has ${columns} columns. A value that contains “${separator}” must be put in double quotes.`,
    duplicate: (line: number, organization: string, identifier: string) =>
      `This entry repeats line ${line} (${organization} ${identifier}). Keep one of the two lines.`,
    unknownOrganization: (organization: string) =>
      `“${organization}” is not in the register of organizations, and only the secretariat or a site administrator may add one. Use the name of a registered organization, or ask the secretariat to add it first.`,
  },
};

export type ImportMessages = typeof en;

const fr: ImportMessages = {
  file: {
    empty: 'Le fichier est vide.',
    tooLarge: (size, limit) =>
      `Le fichier fait ${size} Mo ; la limite est de ${limit} Mo. Découpez-le en fichiers plus petits et importez-les l’un après l’autre.`,
    nulByte: (line) =>
      `La ligne ${line} contient un caractère NUL invisible, qu’un fichier texte ne devrait pas contenir. Supprimez-le, ou exportez de nouveau le fichier en CSV UTF-8.`,
    utf16:
      'Le fichier est en UTF-16 (« texte Unicode »), pas en UTF-8. Dans votre tableur, choisissez « Enregistrer sous » et le type « CSV UTF-8 (délimité par des virgules) », puis importez ce fichier.',
    notUtf8: (line, excerpt) =>
      `Le fichier n’est pas en UTF-8 : la ligne ${line} (vers « ${excerpt} ») contient un caractère écrit dans un autre codage, comme Windows-1252 ou Latin-1. Dans votre tableur, choisissez « Enregistrer sous » et le type « CSV UTF-8 (délimité par des virgules) », puis importez ce fichier.`,
    oldExcel:
      'Ce fichier est au format Excel 97–2003 (.xls) ou protégé par un mot de passe ; il ne peut pas être lu. Ouvrez-le dans votre tableur et enregistrez-le en « Classeur Excel (.xlsx) » sans mot de passe, ou en « CSV UTF-8 ».',
    nameMismatch: (fileName, expected, found) =>
      `Le fichier s’appelle « ${fileName} », ce qui annonce ${frFormats[expected]}, mais il contient ${frFormats[found]}. Vérifiez que vous avez choisi le bon fichier, ou donnez-lui la bonne extension.`,
    typeMismatch: (contentType, expected, found) =>
      `Le fichier a été envoyé comme « ${contentType} », ce qui annonce ${frFormats[expected]}, mais il contient ${frFormats[found]}.`,
    csvQuoteNotClosed: (line) =>
      `À la ligne ${line}, une valeur s’ouvre par un guillemet droit (") qui n’est jamais fermé. Fermez le guillemet, ou supprimez-le.`,
    csvBadQuote: (line, separator) =>
      `À la ligne ${line}, une valeur entre guillemets est suivie d’autre texte avant le « ${separator} » suivant. Mettez toute la valeur entre les guillemets, et doublez les guillemets qu’elle contient ("").`,
    xlsxUnreadable:
      'Ce fichier Excel ne peut pas être lu : il est peut-être endommagé, ou ce n’est pas un classeur. Ouvrez-le dans votre tableur et enregistrez-le de nouveau en « Classeur Excel (.xlsx) ».',
    xlsxNoSheet: 'Ce classeur Excel n’a aucune feuille.',
    jsonInvalid: (line) => `Le fichier n’est pas du JSON valide : la première erreur est à la ligne ${line}.`,
    jsonNotArray:
      'Un fichier JSON doit contenir une liste d’objets, par exemple [{"organization": "ITU-T", "identifier": "Y.3800", "title": "…"}].',
    noHeader:
      'Le fichier n’a pas de ligne d’en-tête. La première ligne doit nommer les colonnes, par exemple : organization, identifier, title.',
    noRows: 'Le fichier a une ligne d’en-tête mais aucune entrée en dessous.',
    jsonEmpty: 'La liste de ce fichier JSON est vide.',
    tooManyRows: (max) => `Le fichier contient plus de ${max} entrées. Découpez-le en fichiers plus petits.`,
    missingColumn: (field, synonyms, found) =>
      `La colonne obligatoire « ${field} » manque${synonyms.length ? ` (noms acceptés aussi : ${synonyms.join(', ')})` : ''}. Colonnes trouvées : ${found.length ? found.join(', ') : 'aucune'}.`,
    duplicateColumn: (field, headers) =>
      `Les colonnes ${headers.map((h) => `« ${h} »`).join(' et ')} donnent toutes deux le champ ${field}. Gardez-en une, ou choisissez dans la correspondance des colonnes celle à utiliser.`,
    mappingUnknownHeader: (header, found) =>
      `La correspondance des colonnes nomme une colonne « ${header} » que le fichier n’a pas. Colonnes trouvées : ${found.join(', ')}.`,
    mappingUnknownField: (field, fields) =>
      `La correspondance des colonnes nomme un champ « ${field} » qui n’existe pas. Champs : ${fields.join(', ')}.`,
    moreErrors: (count) => `…et ${count} autres erreurs non affichées. Corrigez celles ci-dessus et réessayez.`,
  },
  row: {
    required: 'Cette valeur est obligatoire.',
    status: (value) =>
      `« ${value} » n’est pas un statut. Valeurs acceptées : prévu, en développement, approuvé, publié, remplacé, retiré (ou en anglais : planned, in development, approved, published, superseded, withdrawn).`,
    kind: (value) =>
      `« ${value} » n’est pas un type de document. Valeurs acceptées : Recommandation, Norme internationale, Spécification technique, Rapport technique, Supplément, RFC, Internet-Draft, élément de travail, autre (ou leur nom anglais).`,
    date: (value) => `« ${value} » n’est pas une date. Écrivez-la AAAA-MM-JJ (2024-03-31) ou AAAA-MM (2024-03).`,
    dateRange: (value) => `La date ${value} n’est pas comprise entre 1900 et 2100.`,
    year: (value) => `« ${value} » n’est pas une année comprise entre 1900 et 2100.`,
    url: (value) => `« ${value} » n’est pas une adresse web. Écrivez l’adresse complète, commençant par https:// ou http://.`,
    tooLong: (max, length) => `Cette valeur a ${length} caractères ; la limite est de ${max}. Raccourcissez-la.`,
    topicTooLong: (max, topic) =>
      `Le thème « ${topic} » dépasse ${max} caractères. Séparez plusieurs thèmes par « ; ».`,
    tooManyTopics: (max, count) => `Il y a ici ${count} thèmes ; la limite est de ${max}.`,
    equivalentTooLong: (max, number) =>
      `Le numéro équivalent « ${number} » dépasse ${max} caractères. Séparez plusieurs numéros par « ; » ou « | ».`,
    equivalentWithoutDigit: (value) => `« ${value} » n’est pas un numéro : un numéro équivalent comporte des chiffres, par ex. ISO/IEC 9594-8.`,
    equivalentIsOwn: (value) => `« ${value} » est l’identifiant de cette entrée elle-même, pas le numéro du même texte chez un autre organisme.`,
    tooManyEquivalents: (max, count) => `Il y a ici ${count} numéros équivalents ; la limite est de ${max}.`,
    formula: (excerpt) =>
      `« ${excerpt} » commence comme une formule de tableur, qui pourrait s’exécuter à l’ouverture du fichier dans un tableur. Supprimez le signe du début, ou reformulez la valeur.`,
    formulaCell: (excerpt) =>
      `Cette cellule contient une formule (${excerpt}). Les formules sont refusées car elles peuvent s’exécuter quand le fichier est rouvert : saisissez la valeur elle-même.`,
    errorCell: (code) => `Cette cellule contient une erreur de tableur (${code}). Saisissez la valeur elle-même.`,
    notText: 'Cette valeur est une liste ou un objet ; donnez du texte ou un nombre.',
    nulCharacter: 'Cette valeur contient un caractère NUL invisible, qui ne peut pas être enregistré. Supprimez-le.',
    notAnObject:
      'Cet élément n’est pas un objet avec des champs : chaque élément de la liste doit ressembler à {"identifier": "…", …}.',
    extraCells: (cells, columns, separator) =>
      `Cette ligne a ${cells} valeurs mais l’en-tête a ${columns} colonnes. Une valeur qui contient « ${separator} » doit être mise entre guillemets droits.`,
    duplicate: (line, organization, identifier) =>
      `Cette entrée répète la ligne ${line} (${organization} ${identifier}). Gardez l’une des deux lignes.`,
    unknownOrganization: (organization) =>
      `« ${organization} » ne figure pas au registre des organisations, et seuls le secrétariat ou un administrateur du site peuvent en ajouter une. Utilisez le nom d’une organisation enregistrée, ou demandez d’abord au secrétariat de l’ajouter.`,
  },
};

export const importMessages = (locale: Locale): ImportMessages => (locale === 'fr' ? fr : en);

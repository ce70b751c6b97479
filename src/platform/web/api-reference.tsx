// The API reference for people: the OpenAPI document served at /api/docs, rendered on the server into a page of the
// site's own look. No viewer bundle: it needs no script (so nothing to allow in the Content-Security-Policy), runs on
// every Node version the app runs on, and reads on a phone like any other page.
import type { ViewContext } from '../http/context.ts';
import type { Locale } from '../i18n/locale.ts';
import { Layout } from './layout.tsx';

/** The parts of an OpenAPI 3.1 document the page reads; everything else in it is ignored. */
export type JsonSchema = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
  $ref?: string;
};
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema };
type MediaContent = Record<string, { schema?: JsonSchema }>;
export type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; description?: string; content?: MediaContent };
  responses?: Record<string, { description?: string; content?: MediaContent }>;
};
export type OpenApiDocument = {
  info?: { title?: string; version?: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document in path order, methods in the order above. */
export function operationsOf(document: OpenApiDocument): { method: string; path: string; operation: Operation; id: string }[] {
  const list = [];
  for (const [path, item] of Object.entries(document.paths ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    for (const method of methods) {
      const operation = item[method];
      if (operation) list.push({ method, path, operation, id: `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '') });
    }
  }
  return list;
}

const en = {
  title: 'API reference',
  intro: 'Every endpoint of the JSON API, with its parameters, the body it takes and the answers it gives.',
  raw: 'The same description as an OpenAPI 3.1 document (JSON), for code generators and API tools:',
  contents: 'Endpoints',
  group: (tag: string) => tag.charAt(0).toUpperCase() + tag.slice(1).replaceAll('-', ' '),
  other: 'Other',
  parameters: 'Parameters',
  requestBody: 'Request body',
  responses: 'Responses',
  name: 'Name',
  where: 'In',
  type: 'Type',
  description: 'Description',
  required: 'required',
  optional: 'optional',
  places: { path: 'path', query: 'query', header: 'header', cookie: 'cookie' } as Record<string, string>,
  noParameters: 'No parameters.',
  noBody: 'The answer has no body.',
  defaultResponse: 'Default Response',
  success: 'Success',
  arrayOf: (item: string) => `list of ${item}`,
  oneOf: 'one of',
  colon: ': ',
  anyValue: 'any value',
  nullable: 'or null',
  field: 'Field',
  constraints: {
    minimum: (n: number) => `at least ${n}`,
    exclusiveMinimum: (n: number) => `more than ${n}`,
    maximum: (n: number) => `at most ${n}`,
    notEmpty: 'not empty',
    minLength: (n: number) => `at least ${n} characters`,
    maxLength: (n: number) => `at most ${n} characters`,
    minItems: (n: number) => `at least ${n} items`,
    maxItems: (n: number) => `at most ${n} items`,
    pattern: (p: string) => `matching ${p}`,
    format: (f: string) => `format ${f}`,
    default: (v: string) => `default ${v}`,
  },
  summaryLanguage: null as string | null,
};
type Words = typeof en;
// Typed as the English words, so a missing French word is a compile error.
const fr: Words = {
  title: 'Référence de l’API',
  intro: 'Chaque point d’accès de l’API JSON, avec ses paramètres, le corps qu’il reçoit et les réponses qu’il donne.',
  raw: 'La même description sous forme de document OpenAPI 3.1 (JSON), pour les générateurs de code et les outils d’API :',
  contents: 'Points d’accès',
  group: (tag: string) => tag.charAt(0).toUpperCase() + tag.slice(1).replaceAll('-', ' '),
  other: 'Autres',
  parameters: 'Paramètres',
  requestBody: 'Corps de la requête',
  responses: 'Réponses',
  name: 'Nom',
  where: 'Emplacement',
  type: 'Type',
  description: 'Description',
  required: 'obligatoire',
  optional: 'facultatif',
  places: { path: 'chemin', query: 'requête', header: 'en-tête', cookie: 'cookie' } as Record<string, string>,
  noParameters: 'Aucun paramètre.',
  noBody: 'La réponse n’a pas de corps.',
  defaultResponse: 'Réponse',
  success: 'Succès',
  arrayOf: (item: string) => `liste de ${item}`,
  oneOf: 'l’une des valeurs',
  colon: '\u202f: ',
  anyValue: 'toute valeur',
  nullable: 'ou null',
  field: 'Champ',
  constraints: {
    minimum: (n: number) => `au moins ${n}`,
    exclusiveMinimum: (n: number) => `plus de ${n}`,
    maximum: (n: number) => `au plus ${n}`,
    notEmpty: 'non vide',
    minLength: (n: number) => `au moins ${n} caractères`,
    maxLength: (n: number) => `au plus ${n} caractères`,
    minItems: (n: number) => `au moins ${n} éléments`,
    maxItems: (n: number) => `au plus ${n} éléments`,
    pattern: (p: string) => `de la forme ${p}`,
    format: (f: string) => `format ${f}`,
    default: (v: string) => `par défaut ${v}`,
  },
  // The endpoints' summaries are written once, in English, beside the code that answers them.
  summaryLanguage: 'en',
};
const words: Record<Locale, Words> = { en, fr };
export const apiReferenceMessages = (locale: Locale): Words => words[locale];

/** Follows a local `$ref` (#/components/schemas/Name) to the schema it names. */
function resolve(schema: JsonSchema, document: OpenApiDocument): JsonSchema {
  const name = schema.$ref?.match(/^#\/components\/schemas\/(.+)$/)?.[1];
  return (name && document.components?.schemas?.[name]) || schema;
}

/** A schema's type in a few words: "string", "integer", "list of object", "one of: a, b". */
function typeWords(raw: JsonSchema, w: Words, document: OpenApiDocument): string {
  const schema = resolve(raw, document);
  if (schema.enum) return `${w.oneOf}${w.colon}${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const nonNull = variants.filter((v) => v.type !== 'null');
    const listed = nonNull.map((v) => typeWords(v, w, document)).join(' | ');
    return nonNull.length < variants.length ? `${listed} ${w.nullable}` : listed;
  }
  if (Array.isArray(schema.type)) {
    const nonNull = schema.type.filter((t) => t !== 'null');
    return nonNull.length < schema.type.length ? `${nonNull.join(' | ')} ${w.nullable}` : nonNull.join(' | ');
  }
  if (schema.type === 'array') return w.arrayOf(schema.items ? typeWords(schema.items, w, document) : w.anyValue);
  return schema.type ?? (schema.properties ? 'object' : w.anyValue);
}

function constraintWords(schema: JsonSchema, w: Words): string[] {
  const c = w.constraints;
  const out: string[] = [];
  if (schema.format) out.push(c.format(schema.format));
  if (schema.minimum !== undefined) out.push(c.minimum(schema.minimum));
  if (schema.exclusiveMinimum !== undefined) out.push(c.exclusiveMinimum(schema.exclusiveMinimum));
  if (schema.maximum !== undefined && schema.maximum < 2147483647) out.push(c.maximum(schema.maximum));
  if (schema.minLength === 1) out.push(c.notEmpty);
  else if (schema.minLength !== undefined && schema.minLength > 1) out.push(c.minLength(schema.minLength));
  if (schema.maxLength !== undefined) out.push(c.maxLength(schema.maxLength));
  if (schema.minItems !== undefined && schema.minItems > 0) out.push(c.minItems(schema.minItems));
  if (schema.maxItems !== undefined) out.push(c.maxItems(schema.maxItems));
  if (schema.pattern) out.push(c.pattern(schema.pattern));
  if (schema.default !== undefined) out.push(c.default(JSON.stringify(schema.default)));
  return out;
}

/** The object a schema describes, if it is one (directly, as a list's items, or as the one non-null variant). */
function objectOf(raw: JsonSchema, document: OpenApiDocument): JsonSchema | undefined {
  const schema = resolve(raw, document);
  if (schema.properties) return schema;
  if (schema.type === 'array' && schema.items) return objectOf(schema.items, document);
  const variants = (schema.anyOf ?? schema.oneOf)?.filter((v) => v.type !== 'null');
  if (variants?.length === 1) return objectOf(variants[0]!, document);
  if (schema.allOf?.length === 1) return objectOf(schema.allOf[0]!, document);
  return undefined;
}

/**
 * An object's fields as a nested list: name, type, required or not, limits and description; nested objects below
 * their field, to a depth that keeps the page readable (the JSON document holds the rest).
 */
function Fields(props: { schema: JsonSchema; w: Words; document: OpenApiDocument; depth: number }) {
  const { w, document } = props;
  const object = objectOf(props.schema, document);
  if (!object?.properties) {
    const limits = constraintWords(resolve(props.schema, document), w);
    return (
      <p>
        <code>{typeWords(props.schema, w, document)}</code>
        {limits.length ? ` (${limits.join(', ')})` : ''}
      </p>
    );
  }
  const required = new Set(object.required ?? []);
  return (
    <ul class="api-fields">
      {Object.entries(object.properties).map(([name, raw]) => {
        const field = resolve(raw, document);
        const limits = constraintWords(field, w);
        const nested = props.depth < 4 ? objectOf(field, document) : undefined;
        return (
          <li>
            <code class="api-name">{name}</code> <span class="api-type">{typeWords(field, w, document)}</span>{' '}
            <span class={required.has(name) ? 'api-required' : 'muted'}>{required.has(name) ? w.required : w.optional}</span>
            {limits.length ? <span class="muted"> · {limits.join(', ')}</span> : null}
            {field.description ? <div class="api-description">{field.description}</div> : null}
            {nested ? <Fields schema={nested} w={w} document={document} depth={props.depth + 1} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

function Parameters(props: { parameters: Parameter[]; w: Words; document: OpenApiDocument }) {
  const { w, document } = props;
  if (!props.parameters.length) return <p class="muted">{w.noParameters}</p>;
  return (
    <div class="table-wrap">
      <table class="stack api-parameters">
        <thead>
          <tr>
            <th scope="col">{w.name}</th>
            <th scope="col">{w.where}</th>
            <th scope="col">{w.type}</th>
            <th scope="col">{w.description}</th>
          </tr>
        </thead>
        <tbody>
          {props.parameters.map((p) => {
            const limits = p.schema ? constraintWords(resolve(p.schema, document), w) : [];
            return (
              <tr>
                <td>
                  <code>{p.name}</code> <span class={p.required ? 'api-required' : 'muted'}>{p.required ? w.required : w.optional}</span>
                </td>
                <td data-label={w.where}>{w.places[p.in] ?? p.in}</td>
                <td data-label={w.type}>
                  {p.schema ? typeWords(p.schema, w, document) : w.anyValue}
                  {limits.length ? <span class="muted"> ({limits.join(', ')})</span> : null}
                </td>
                <td data-label={w.description}>{p.description ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Content(props: { content?: MediaContent; w: Words; document: OpenApiDocument }) {
  const entries = Object.entries(props.content ?? {});
  if (!entries.length) return <p class="muted">{props.w.noBody}</p>;
  return (
    <>
      {entries.map(([type, media]) => (
        <div class="api-content">
          <p class="muted">
            <code>{type}</code>
          </p>
          {media.schema ? <Fields schema={media.schema} w={props.w} document={props.document} depth={0} /> : null}
        </div>
      ))}
    </>
  );
}

/** A text of the document in the reader's language when a catalogue has it, else as written (marked as English). */
type Say = (english: string) => { text: string; lang: string | undefined };
const sayWith =
  (w: Words, translations: Readonly<Record<string, string>> | undefined): Say =>
  (english) => {
    const translated = translations?.[english];
    return translated ? { text: translated, lang: undefined } : { text: english, lang: w.summaryLanguage ?? undefined };
  };
function Said(props: { say: Say; text: string }) {
  const { text, lang } = props.say(props.text);
  return <p lang={lang}>{text}</p>;
}

function OperationView(props: { method: string; path: string; operation: Operation; id: string; w: Words; document: OpenApiDocument; say: Say }) {
  const { operation: op, w, document } = props;
  const query = (op.parameters ?? []).filter((p) => p.in !== 'header' || p.name.toLowerCase() !== 'authorization');
  return (
    <section class="api-operation" id={props.id} aria-labelledby={`${props.id}-title`}>
      <h3 id={`${props.id}-title`}>
        <span class={`api-method api-method-${props.method}`}>{props.method.toUpperCase()}</span> <code class="api-path">{props.path}</code>
      </h3>
      {op.summary ? <Said say={props.say} text={op.summary} /> : null}
      {op.description && op.description !== op.summary ? <Said say={props.say} text={op.description} /> : null}
      <h4>{w.parameters}</h4>
      <Parameters parameters={query} w={w} document={document} />
      {op.requestBody ? (
        <>
          <h4>
            {w.requestBody}{' '}
            <span class={op.requestBody.required ? 'api-required' : 'muted'}>{op.requestBody.required ? w.required : w.optional}</span>
          </h4>
          <Content content={op.requestBody.content} w={w} document={document} />
        </>
      ) : null}
      <h4>{w.responses}</h4>
      <dl class="api-responses">
        {Object.entries(op.responses ?? {}).map(([status, response]) => (
          <>
            <dt>
              <code>{status}</code>{' '}
              {response.description && response.description !== 'Default Response' ? (
                <span lang={w.summaryLanguage ?? undefined}>{response.description}</span>
              ) : (
                <span>{status.startsWith('2') ? w.success : w.defaultResponse}</span>
              )}
            </dt>
            <dd>
              <Content content={response.content} w={w} document={document} />
            </dd>
          </>
        ))}
      </dl>
    </section>
  );
}

/** The reference page: a contents list grouped by the endpoints' tags, then every endpoint in full. */
export function ApiReferencePage(props: {
  ctx: ViewContext;
  document: OpenApiDocument;
  /** the endpoints' summaries, descriptions and group names in the reader's language, keyed by their English */
  translations?: Readonly<Record<string, string>>;
}) {
  const { ctx, document } = props;
  const w: Words = words[ctx.locale];
  const say = sayWith(w, props.translations);
  const operations = operationsOf(document);
  const groups = new Map<string, typeof operations>();
  for (const entry of operations) {
    const tag = entry.operation.tags?.[0] ?? '';
    groups.set(tag, [...(groups.get(tag) ?? []), entry]);
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  const groupTitle = (tag: string) => (tag ? (props.translations?.[tag] ?? w.group(tag)) : w.other);
  return (
    <Layout ctx={ctx} title={w.title}>
      <h1>{w.title}</h1>
      <p class="lead">{w.intro}</p>
      {document.info?.description ? <Said say={say} text={document.info.description} /> : null}
      <p>
        {w.raw} <a href="/api/docs">/api/docs</a>
      </p>
      <nav aria-label={w.contents} class="api-contents">
        <h2>{w.contents}</h2>
        {sorted.map(([tag, list]) => (
          <details open>
            <summary>
              {groupTitle(tag)} ({list.length})
            </summary>
            <ul class="plain">
              {list.map((entry) => (
                <li>
                  <a href={`#${entry.id}`}>
                    <span class={`api-method api-method-${entry.method}`}>{entry.method.toUpperCase()}</span> <code>{entry.path}</code>
                  </a>
                </li>
              ))}
            </ul>
          </details>
        ))}
      </nav>
      {sorted.map(([tag, list]) => (
        <section aria-labelledby={`group-${tag || 'other'}`}>
          <h2 id={`group-${tag || 'other'}`}>{groupTitle(tag)}</h2>
          {list.map((entry) => (
            <OperationView {...entry} w={w} document={document} say={say} />
          ))}
        </section>
      ))}
    </Layout>
  );
}

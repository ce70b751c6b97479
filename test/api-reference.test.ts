// The API reference page (/api/reference) lists every endpoint of the OpenAPI document served at /api/docs with its
// method, parameters, request body and responses, in English and in French, and needs nothing the strict
// Content-Security-Policy refuses (no script, no inline style).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type OpenApiDocument, operationsOf } from '../src/platform/web/api-reference.tsx';
import { createTestApp, type TestApp } from './support/app.ts';
import { testEngines } from './support/database.ts';

/** The page's endpoint sections by their id (sections do not nest). */
function sectionsOf(html: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const match of html.matchAll(/<section class="api-operation" id="([^"]+)"[^>]*>([\s\S]*?)<\/section>/g)) sections.set(match[1]!, match[2]!);
  return sections;
}

for (const engine of testEngines()) {
  describe(`the API reference page on ${engine}`, () => {
    let t: TestApp;
    let document: OpenApiDocument;

    before(async () => {
      t = await createTestApp(engine);
      document = (await t.app.inject({ method: 'GET', url: '/api/docs' })).json() as OpenApiDocument;
    });
    after(() => t.close());

    const page = (language: 'en' | 'fr') => t.app.inject({ method: 'GET', url: '/api/reference', headers: { 'accept-language': language } });

    it('lists every endpoint with its method, parameters, request body and responses', async () => {
      const response = await page('en');
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/html/);
      const sections = sectionsOf(response.body);
      const operations = operationsOf(document);
      assert.ok(operations.length > 100, `the document has ${operations.length} endpoints`);
      assert.equal(sections.size, operations.length);
      for (const { method, path, operation, id } of operations) {
        const section = sections.get(id);
        assert.ok(section, `${method.toUpperCase()} ${path} has a section`);
        assert.match(section, new RegExp(`>${method.toUpperCase()}</span> <code class="api-path">${path.replace(/[{}]/g, '\\$&')}</code>`));
        assert.ok(response.body.includes(`href="#${id}"`), `${method.toUpperCase()} ${path} is in the contents`);
        for (const parameter of operation.parameters ?? []) {
          assert.ok(section.includes(`<code>${parameter.name}</code>`), `${method.toUpperCase()} ${path} names its parameter ${parameter.name}`);
        }
        const body = operation.requestBody?.content?.['application/json']?.schema;
        if (operation.requestBody) assert.ok(section.includes('<h4>Request body'), `${method.toUpperCase()} ${path} shows its request body`);
        for (const field of Object.keys(body?.properties ?? {})) {
          assert.ok(section.includes(`<code class="api-name">${field}</code>`), `${method.toUpperCase()} ${path} names its body field ${field}`);
        }
        for (const status of Object.keys(operation.responses ?? {})) {
          assert.ok(section.includes(`<dt><code>${status}</code>`), `${method.toUpperCase()} ${path} shows its ${status} response`);
        }
      }
    });

    it('reads a request body as fields with their types and limits', async () => {
      const sections = sectionsOf((await page('en')).body);
      const create = [...operationsOf(document)].find((o) => o.method === 'post' && o.path === '/api/v1/activities/{acronym}/liaisons');
      assert.ok(create, 'the document has the liaison statement endpoint');
      const section = sections.get(create.id)!;
      assert.match(section, /<code class="api-name">title<\/code> <span class="api-type">string<\/span> <span class="api-required">required<\/span><span class="muted"> · not empty, at most 500 characters<\/span>/);
      assert.match(section, /<code class="api-name">purpose<\/code> <span class="api-type">one of: &quot;for_action&quot;, &quot;for_comment&quot;, &quot;for_information&quot;<\/span>/);
    });

    it('is in French for a French reader, with the same endpoints', async () => {
      const response = await page('fr');
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /<html lang="fr"/);
      assert.match(response.body, /<h1>Référence de l’API<\/h1>/);
      const sections = sectionsOf(response.body);
      assert.equal(sections.size, operationsOf(document).length);
      const withBody = operationsOf(document).filter((o) => o.operation.requestBody).length;
      assert.equal(response.body.split('<h4>Corps de la requête').length - 1, withBody);
      assert.equal(response.body.split('<h4>Réponses</h4>').length - 1, sections.size);
      assert.doesNotMatch(response.body, /<h4>(Request body|Responses|Parameters)/);
      // Every endpoint's summary and description reads in French (their catalogues are typed: a missing one does not
      // compile), and so does each group's name; nothing is left marked as English.
      assert.doesNotMatch(response.body, /<p lang="en">/);
      const include = sections.get(operationsOf(document).find((o) => o.method === 'post' && o.path === '/api/v1/activities/{acronym}/roadmap/include')!.id)!;
      assert.match(include, /<p>Reprendre dans cette feuille de route une entrée déjà au registre \(secrétariat, présidents\)\u202f; les membres en font la proposition<\/p>/);
      assert.match(include, /<p>L’entrée reste une seule fiche/);
      const myWork = sections.get(operationsOf(document).find((o) => o.method === 'get' && o.path === '/api/v1/my-work')!.id)!;
      assert.match(myWork, /<p>Ce qui attend l’utilisateur connecté\u202f: approbations/);
      assert.match(response.body, /<summary>\s*Feuille de route \(\d+\)\s*<\/summary>/);
      assert.match(response.body, /<summary>\s*Mon travail \(1\)\s*<\/summary>/);
      const english = await page('en');
      assert.match(english.body, /<p>Include an entry already in the register in this roadmap \(secretariat, chairs\); members propose it instead<\/p>/);
    });

    it('runs under the strict Content-Security-Policy: no script and no inline style', async () => {
      const response = await page('en');
      assert.match(String(response.headers['content-security-policy']), /script-src 'self'/);
      assert.match(String(response.headers['content-security-policy']), /style-src 'self'/);
      assert.doesNotMatch(response.body, /<script|\sstyle=|\son[a-z]+=/i);
    });

    it('is linked from every page footer', async () => {
      const home = await t.app.inject({ method: 'GET', url: '/' });
      assert.match(home.body, /<a href="\/api\/reference">API<\/a>/);
    });
  });
}

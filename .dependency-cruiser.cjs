// The layer rules of ../shared/DESIGN.md ("Modules plug in"), checked on every `npm test` (test/layers.test.ts):
// entry (main.ts, app.ts, the module list) → modules → platform → db; config.ts is its own layer that anyone may
// import. Test files are left out: a test may reach into what it tests. Each rule's comment is the message a
// violation prints, so it says what to do instead.
const entry = '^src/(main\\.ts|app\\.ts|modules/index\\.ts)$';
const tests = '\\.test\\.tsx?$';

module.exports = {
  forbidden: [
    {
      name: 'platform-imports-module',
      comment: 'The platform serves every module and knows none: move what both need into the platform, or pass it in.',
      severity: 'error',
      from: { path: '^src/platform/', pathNot: tests },
      to: { path: ['^src/modules/', entry] },
    },
    {
      name: 'db-imports-upward',
      comment: 'The database layer knows no platform or module code; only the schema index (src/db/schema.ts) gathers the modules\' tables.',
      severity: 'error',
      from: { path: '^src/db/', pathNot: ['^src/db/schema\\.ts$', tests] },
      to: { path: ['^src/platform/', '^src/modules/', entry] },
    },
    {
      name: 'module-imports-entry',
      comment: 'Modules are plugged in by the entry; they never import it (types such as App live in the platform).',
      severity: 'error',
      from: { path: '^src/(modules|platform|db|demo)/', pathNot: ['^src/modules/index\\.ts$', tests] },
      to: { path: entry },
    },
    {
      name: 'config-imports-anything',
      comment: 'config.ts is its own layer: anyone may import it, so it imports nothing of Concord.',
      severity: 'error',
      from: { path: '^src/config\\.ts$' },
      to: { path: '^src/', pathNot: '^src/config\\.ts$' },
    },
    {
      name: 'domain-imports-route-or-view',
      comment: 'Domain files hold the rules; routes and views present them. Move what the domain needs out of the route or view.',
      severity: 'error',
      // A module's index.ts may offer its page frames (ActivityFrame, MeetingFrame) to other modules' views.
      from: { path: '^src/modules/[^/]+/', pathNot: ['(routes|views|frame|module|index)\\.tsx?$', '/views/', tests] },
      to: { path: ['(routes|views|frame)\\.tsx?$', '^src/modules/[^/]+/views/'] },
    },
    {
      name: 'module-reaches-into-another',
      comment: 'Another module is used through its public surface, its index.ts (tables through the schema index, src/db/schema.ts).',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: ['schema\\.ts$', tests] },
      to: { path: '^src/modules/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'schema-reaches-beyond-schema',
      comment: 'A module\'s tables may refer to another module\'s tables (foreign keys), and to nothing else of it.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/.*schema\\.ts$' },
      to: { path: '^src/modules/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/.*schema\\.ts$'] },
    },
    {
      name: 'no-cycles',
      comment: 'Files that import each other, directly or around a loop, cannot be understood or tested one at a time.',
      severity: 'error',
      from: { path: '^src/', pathNot: tests },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules', tests] },
    tsPreCompilationDeps: true,
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js'] },
  },
};

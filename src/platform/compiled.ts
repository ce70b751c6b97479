// Whether this code runs from the compiled server in dist/ (scripts/build-server.mjs) or from the TypeScript sources.

/** Where the compiled outputs are relative to src/ (`../dist/`), set by esbuild's `define`; undeclared from the sources. */
declare const __CONCORD_BUNDLE__: string | undefined;

/** The compiled outputs' folder relative to src/ when running compiled, else undefined. */
export const compiledOutputs: string | undefined = typeof __CONCORD_BUNDLE__ === 'string' ? __CONCORD_BUNDLE__ : undefined;

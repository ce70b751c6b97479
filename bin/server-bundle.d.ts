// Types of server-bundle.js (plain JavaScript, since bin/concord.js reads it before any TypeScript loader).
export declare const repositoryRoot: string;
export declare const defaultDistDir: string;
export declare function bundleEntry(distDir: string): string;
export declare function workerOutputName(relativeToSrc: string): string;
export declare function writeBundleManifest(distDir: string, inputs: Iterable<string>, extra?: Record<string, unknown>): void;
export declare function bundleStaleReason(distDir: string): string | undefined;

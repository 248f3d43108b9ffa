// Whether this code runs as the esbuild bundle in dist/ (scripts/build.mjs defines the constant) or as
// TypeScript (tsx, vitest). The bundle's worker threads run dist/worker.js instead of the tsx bootstrap.
declare const __JIXIAO_COMPILED__: boolean | undefined;

export const COMPILED: boolean = typeof __JIXIAO_COMPILED__ !== 'undefined' && __JIXIAO_COMPILED__;

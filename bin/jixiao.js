#!/usr/bin/env node
// Runs the compiled CLI (dist/, built at install by `npm run build`) when it matches the sources;
// otherwise (sources edited since, or installed with --ignore-scripts) the TypeScript through tsx.
// JIXIAO_FROM_SOURCE=1 forces the TypeScript.
import { loadMain } from './compiled.js';

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));

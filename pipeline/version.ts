import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { version: string };
export const TOOL = { name: 'jixiao' as const, version: pkg.version };

// The one place where jixiao's data shapes live: extractors produce RawDocument, normalizers produce
// Report, rules produce Finding, the CLI writes Output. Every shape is a zod schema; JSON Schema for
// the output contract is generated from it (model/json-schema.ts).
// The model is split by stage; this barrel re-exports all of it.
export * from './raw.ts';
export * from './quantity.ts';
export * from './claims.ts';
export * from './report.ts';
export * from './output.ts';

// The output contract as JSON text (model/index.ts OutputSchema; JSON Schema in model/json-schema.ts).
import type { Output } from '../model/index.ts';

export function renderJson(output: Output): string {
  return `${JSON.stringify(output, null, 2)}\n`;
}

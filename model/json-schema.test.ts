import { describe, expect, it } from 'vitest';
import { outputJsonSchema } from './json-schema.ts';

describe('output JSON Schema', () => {
  it('describes documents, findings and their required fields', () => {
    const schema = outputJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(schema.required).toEqual(expect.arrayContaining(['tool', 'documents']));
    const text = JSON.stringify(schema);
    for (const field of ['claimedTotal', 'computedTotal', 'findings', 'severity', 'expected', 'actual', 'evidence', 'fingerprint']) expect(text).toContain(`"${field}"`);
    expect(text).toContain('"enum":["error","warning","info"]');
    // Issue 15: the effect on total and grade, the reviewer's follow-up, the report's table names
    for (const field of ['effect', 'followUp', 'tableCaptions', 'bbox']) expect(text).toContain(`"${field}"`);
  });
});

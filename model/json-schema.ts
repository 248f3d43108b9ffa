// The output contract as JSON Schema, generated from the zod schema so the two cannot drift.
// `npx tsx model/json-schema.ts > jixiao-output.schema.json` prints it.
import { z } from 'zod';
import { OutputSchema } from './index.ts';

export const outputJsonSchema = () => z.toJSONSchema(OutputSchema, { target: 'draft-2020-12' });

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${JSON.stringify(outputJsonSchema(), null, 2)}\n`);

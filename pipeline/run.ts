// The batch runner: every input path yields exactly one DocumentResult, in input order.
import { checkFile, errorResult, type CheckOptions, type CheckedDocument } from './check.ts';
import { expandInputs } from './ingest.ts';

export interface BatchOptions extends CheckOptions {
  onDocument?: (doc: CheckedDocument, done: number, total: number) => void;
}

export async function runBatch(paths: string[], options: BatchOptions = {}): Promise<CheckedDocument[]> {
  const inputs = await expandInputs(paths);
  const results: CheckedDocument[] = [];
  for (const input of inputs) {
    const doc = input.problem
      ? { result: errorResult(input.path, null, 'unknown', input.problem), report: null }
      : await checkFile(input.path, options);
    results.push(doc);
    options.onDocument?.(doc, results.length, inputs.length);
  }
  return results;
}

// Writes a corpus to a directory: npx tsx eval/generate/cli.ts --seed 7 --n 16 --formats txt,docx,pdf,scan,xlsx --scan-n 3 --out eval/sample
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ensureCorpus, FORMATS, type CorpusFormat } from './corpus.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    n: { type: 'string', default: '24' },
    formats: { type: 'string', default: 'txt,docx,pdf' },
    'scan-n': { type: 'string' },
    out: { type: 'string' },
  },
});
const seed = Number(values.seed);
const n = Number(values.n);
const formats = values.formats!.split(',').filter((f): f is CorpusFormat => (FORMATS as readonly string[]).includes(f));
const dir = resolve(values.out ?? `eval/.cache/${seed}-${n}`);
const entries = await ensureCorpus({ seed, n, formats, scanN: Number(values['scan-n'] ?? Math.ceil(n / 4)), dir, log: (l) => console.error(l) });
console.log(`${entries.length} reports in ${dir}`);

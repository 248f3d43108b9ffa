// Writes a corpus to a directory. The committed sample was made with:
//   npx tsx eval/generate/cli.ts --seed 15 --n 14 --formats txt,docx,pdf,scan,xlsx --scan-n 2 --out eval/sample --drop-sources
import { parseArgs } from 'node:util';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureCorpus, FORMATS, type CorpusFormat } from './corpus.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    n: { type: 'string', default: '24' },
    formats: { type: 'string', default: 'txt,docx,pdf' },
    'scan-n': { type: 'string' },
    'scan-long': { type: 'string', default: '0' },
    out: { type: 'string' },
    'drop-sources': { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
const n = Number(values.n);
const formats = values.formats!.split(',').filter((f): f is CorpusFormat => (FORMATS as readonly string[]).includes(f));
const dir = resolve(values.out ?? `eval/.cache/${seed}-${n}`);
const entries = await ensureCorpus({ seed, n, formats, scanN: Number(values['scan-n'] ?? Math.ceil(n / 4)), longScanN: Number(values['scan-long']), dir, log: (l) => console.error(l) });
if (values['drop-sources']) rmSync(join(dir, 'src'), { recursive: true, force: true });
console.log(`${entries.length} reports in ${dir}`);

import type { Format } from '../../model/index.ts';
import { startsWith } from '../magic.ts';
import type { FormatReader } from '../types.ts';

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** An OLE2 container is .doc, .wps, .et or .xls: only the extension tells them apart. */
const BY_EXTENSION: Record<string, Format> = { '.wps': 'wps', '.et': 'et', '.xls': 'xls' };

export const reader: FormatReader = {
  formats: ['doc', 'wps', 'et', 'xls'],
  labels: { doc: 'Word (DOC)', wps: 'WPS 文字', xls: 'Excel (XLS)', et: 'WPS 表格' },
  sniff: (bytes, ext) => (startsWith(bytes, OLE) ? BY_EXTENSION[ext] ?? 'doc' : null),
  load: async () => (await import('./index.ts')).extract,
};

import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Table } from '../../model/index.ts';
import { assertValidRawDocument } from '../validate.ts';
import { extract, findSoffice } from './index.ts';

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url));
const soffice = findSoffice();

describe('legacy formats without LibreOffice', () => {
  afterEach(() => vi.unstubAllEnvs());

  it.each([
    ['doc', 'Word 97-2003 文档（.doc）', '.docx'],
    ['wps', 'WPS 文字文档（.wps）', '.docx'],
    ['xls', 'Excel 97-2003 工作簿（.xls）', '.xlsx'],
    ['et', 'WPS 表格（.et）', '.xlsx'],
  ] as const)('%s gives a Chinese needs-libreoffice error naming the format and the fix', async (format, name, modern) => {
    vi.stubEnv('JIXIAO_SOFFICE', 'none');
    const error = await extract({ path: `a.${format}`, bytes: fixture('docx/invariance.doc'), format }, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'JixiaoError', code: 'needs-libreoffice' });
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).toContain('安装 LibreOffice');
    expect(message).toContain(`另存为 ${modern}`);
  });

  it('finds no soffice on an empty PATH or a configured path that does not exist', () => {
    expect(findSoffice({ JIXIAO_SOFFICE: 'none', PATH: process.env.PATH })).toBeNull();
    expect(findSoffice({ JIXIAO_SOFFICE: '/nonexistent/soffice' })).toBeNull();
  });
});

describe.skipIf(process.platform === 'win32')('legacy formats with a misbehaving soffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-fake-soffice-'));
  const script = (name: string, body: string) => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };
  afterEach(() => vi.unstubAllEnvs());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('kills a conversion that hangs and reports a timeout', async () => {
    vi.stubEnv('JIXIAO_SOFFICE', script('hang', 'sleep 30'));
    vi.stubEnv('JIXIAO_SOFFICE_TIMEOUT_MS', '300');
    const started = Date.now();
    await expect(extract({ path: 'a.doc', bytes: Buffer.from('x'), format: 'doc' }, {})).rejects.toMatchObject({ code: 'timeout', message: expect.stringContaining('超时') });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports a conversion that fails or produces nothing as corrupt', async () => {
    vi.stubEnv('JIXIAO_SOFFICE', script('fail', 'exit 1'));
    await expect(extract({ path: 'a.xls', bytes: Buffer.from('x'), format: 'xls' }, {})).rejects.toMatchObject({ code: 'corrupt' });
    vi.stubEnv('JIXIAO_SOFFICE', script('nothing', 'exit 0'));
    await expect(extract({ path: 'a.xls', bytes: Buffer.from('x'), format: 'xls' }, {})).rejects.toMatchObject({ code: 'corrupt', message: expect.stringContaining('未能转换') });
  });
});

describe.skipIf(!soffice)('legacy formats with LibreOffice', () => {
  it('converts a .doc to DOCX and reads it (merged cells survive)', async () => {
    const doc = await extract({ path: 'invariance.doc', bytes: fixture('docx/invariance.doc'), format: 'doc' }, {});
    assertValidRawDocument(doc);
    expect(doc.format).toBe('doc');
    expect(doc.warnings[0]).toContain('LibreOffice');
    const summary = doc.blocks.find((b): b is Table => b.kind === 'table')!;
    expect(summary.rows[3][0]).toMatchObject({ text: '预算执行情况', rowSpan: 4 });
  });

  it('converts an .xls to XLSX and reads it (formulas and formats survive)', async () => {
    const doc = await extract({ path: 'jichu-shuju.xls', bytes: fixture('xlsx/jichu-shuju.xls'), format: 'xls' }, {});
    assertValidRawDocument(doc);
    const data = doc.blocks[0] as Table;
    expect(data.loc.sheet).toBe('基础数据表');
    expect(data.rows[3][5]).toMatchObject({ text: '95.83%', formula: 'E4/D4' });
  });
});

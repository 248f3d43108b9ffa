// `jixiao import`: a reviewer's statuses and notes typed into the XLSX/CSV finding list go back into
// the store and show in `jixiao review` (issue 15: Excel and CSV were one-way).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { OutputSchema } from '../model/index.ts';
import { findSoffice } from '../extractors/legacy/index.ts';
import { runBatch } from '../pipeline/run.ts';
import { TOOL } from '../pipeline/version.ts';
import { renderCsv } from '../reporters/csv.ts';
import { FINDING_COLUMNS } from '../reporters/labels.ts';
import { FINDINGS_SHEET, renderXlsx } from '../reporters/xlsx.ts';
import { reviewCommand } from './cli.ts';
import { importCommand } from './import-cli.ts';
import { csvTable } from './import.ts';
import { Store } from './index.ts';

const column = (header: string) => FINDING_COLUMNS.findIndex((c) => c.header === header) + 1;

let dir: string;
let db: string;
let xlsx: string;
let csv: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-import-'));
  db = join(dir, 'j.db');
  const store = Store.open(db);
  const checked = await runBatch(['fixtures/seeds/004_5832cd79950040f3.txt', 'fixtures/seeds/003_4e052ca5c436ec0e.txt'], { workers: false, store });
  const output = OutputSchema.parse({ tool: TOOL, documents: checked.map((d) => d.result) });
  xlsx = join(dir, '问题清单.xlsx');
  csv = join(dir, '问题清单.csv');
  writeFileSync(xlsx, await renderXlsx(output, { statusOf: store.followUpLookup(), linkBase: dir }));
  writeFileSync(csv, renderCsv(output, { statusOf: store.followUpLookup(), linkBase: dir }));
  store.close();
}, 120_000);

/** Opens the exported workbook and lets a "reviewer" edit the finding rows, as Excel would save them. */
async function editWorkbook(from: string, to: string, edit: (sheet: ExcelJS.Worksheet) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(from);
  edit(workbook.getWorksheet(FINDINGS_SHEET)!);
  await workbook.xlsx.writeFile(to);
}

const rowOf = (sheet: ExcelJS.Worksheet, rule: string) => {
  for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(column('规则')).value === rule) return sheet.getRow(r);
  throw new Error(`no row for ${rule}`);
};

const capture = () => {
  const lines: string[] = [];
  return { lines, write: (t: string) => void lines.push(t) };
};

async function review(database: string): Promise<string> {
  const out = capture();
  await reviewCommand(['--db', database, '--all'], out.write);
  return out.lines.join('\n');
}

describe('jixiao import', () => {
  it('reads a status and a note edited in Excel back into the store, and reports rows it cannot match', async () => {
    const edited = join(dir, 'edited.xlsx');
    let extra = 0;
    await editWorkbook(xlsx, edited, (sheet) => {
      const explanation = rowOf(sheet, 'score/explanation-mismatch');
      explanation.getCell(column('状态')).value = '已排除';
      explanation.getCell(column('备注')).value = '单位已提供更正后的评分表';
      rowOf(sheet, 'calc/divide-by-zero').getCell(column('状态')).value = 'confirmed';
      const unknown = sheet.addRow([]);
      unknown.getCell(column('指纹')).value = '0000000000000000';
      unknown.getCell(column('状态')).value = '已确认';
      rowOf(sheet, 'rate/implicit-mismatch').getCell(column('状态')).value = '也许';
      extra = unknown.number;
    });
    const out = capture();
    const warn = capture();
    expect(await importCommand([edited, '--db', db], out.write, warn.write)).toBe(1);
    expect(warn.lines).toEqual([
      expect.stringMatching(/^第\d+行：状态“也许”无法识别（应为 待核实、已确认、已排除/),
      `第${extra}行：指纹 0000000000000000 在结果库中找不到（该文件是否用同一个结果库 --db 检查过？）`,
    ]);
    expect(out.lines[0]).toMatch(/更新 2 项，未变 \d+ 项，2 行无法导入/);
    const listed = await review(db);
    expect(listed).toMatch(/score\/explanation-mismatch.*已排除：单位已提供更正后的评分表/);
    expect(listed).toMatch(/calc\/divide-by-zero.*已确认/);
    // A second import of the same file changes nothing.
    const again = capture();
    await importCommand([edited, '--db', db], again.write, () => {});
    expect(again.lines[0]).toMatch(/更新 0 项/);
  });

  it('reads the CSV list, in UTF-8 with BOM as written or re-saved as GB18030 by Excel/WPS', async () => {
    const copy = join(dir, 'csv.db');
    copyFileSync(db, copy);
    const rows = csvTable(readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''));
    const target = rows.findIndex((r) => r[column('规则') - 1] === 'target/claim-vs-actual');
    rows[target][column('状态') - 1] = '已确认';
    rows[target][column('备注') - 1] = '已电话核实，"56家"属实, 需整改';
    const text = rows.map((r) => r.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join('\r\n');
    const gbk = join(dir, 'gbk.csv');
    // GB18030 as Excel on a Chinese Windows saves "CSV": written with iconv, a real encoder.
    writeFileSync(gbk, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text }));
    const out = capture();
    expect(await importCommand([gbk, '--db', copy], out.write, () => {})).toBe(0);
    expect(await review(copy)).toMatch(/target\/claim-vs-actual.*已确认：已电话核实，"56家"属实, 需整改/);
  });

  it('refuses a file that is not a finding list, and a missing file, in Chinese', async () => {
    const other = join(dir, 'prices.csv');
    writeFileSync(other, '品名,价格\n白菜,2.5\n');
    const warn = capture();
    expect(await importCommand([other, '--db', db], () => {}, warn.write)).toBe(1);
    expect(warn.lines[0]).toMatch(/没有“指纹”、“状态”栏/);
    await expect(importCommand([join(dir, 'none.xlsx'), '--db', db])).rejects.toThrow(/找不到文件/);
  });
});

describe.skipIf(!findSoffice())('jixiao import of a workbook saved by LibreOffice Calc', () => {
  it('reads the status and note after a round trip through LibreOffice', async () => {
    const copy = join(dir, 'lo.db');
    copyFileSync(db, copy);
    const edited = join(dir, 'lo-edited.xlsx');
    await editWorkbook(xlsx, edited, (sheet) => {
      const row = rowOf(sheet, 'rubric/score-mismatch');
      row.getCell(column('状态')).value = '已确认';
      row.getCell(column('备注')).value = 'LibreOffice 中填写';
    });
    const outDir = join(dir, 'lo');
    execFileSync(findSoffice()!, ['--headless', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, edited], {
      timeout: 120_000,
      stdio: 'ignore',
    });
    const saved = join(outDir, basename(edited));
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(saved);
    expect(back.getWorksheet(FINDINGS_SHEET), 'LibreOffice kept the sheet').toBeDefined();
    const out = capture();
    expect(await importCommand([saved, '--db', copy], out.write, () => {})).toBe(0);
    expect(await review(copy)).toMatch(/rubric\/score-mismatch.*已确认：LibreOffice 中填写/);
  }, 180_000);
});

// The console: info folded unless asked for, reviewers' statuses beside findings, the effect of a
// finding, and a batch summary that counts unreadable files and ranks units (issue 15).
import { describe, expect, it } from 'vitest';
import type { FollowUpLookup, Output } from '../model/index.ts';
import { formatDocument, formatSummary } from './console.ts';
import { sampleOutput } from './testing/sample-output.ts';

const statusOf: FollowUpLookup = (fp) => (fp === 'fp-total' ? { status: 'dismissed', note: '单位已更正', updatedAt: null } : null);

describe('formatDocument', () => {
  const doc = sampleOutput().documents[0];

  it('folds info findings into one line unless --info', () => {
    const folded = formatDocument(doc);
    expect(folded).not.toContain('[提示]');
    expect(folded).toContain('（另有提示 1 项已折叠，加 --info 显示）');
    const shown = formatDocument(doc, { showInfo: true });
    expect(shown).toContain('[提示]');
    expect(shown).not.toContain('已折叠');
  });

  it('shows a reviewer\'s status beside the finding and the finding\'s effect on total and grade', () => {
    const text = formatDocument(doc, { statusOf });
    expect(text).toContain('[错误·已排除] score/total-mismatch');
    expect(text).toContain('影响：总分 100 → 94.42，等级不变（优）');
    expect(text).toMatch(/\[警告\] score\/subtotal-mismatch/);
  });
});

describe('formatSummary', () => {
  it('says how many files could not be checked and how many timed out, and leaves dismissed errors out', () => {
    const output: Output = sampleOutput();
    const timedOut = { ...output.documents[1], file: 'slow.pdf', error: { code: 'timeout' as const, message: '检查超时' } };
    output.documents.push(timedOut);
    const text = formatSummary(output, { statusOf });
    expect(text.split('\n')[0]).toBe('共 3 个文件：已检查 1 个，2 个无法检查（其中超时 1 个）；未排除的错误 0 项，警告 1 项，提示 1 项；已排除 1 项不计');
    expect(text).toContain('需发整改通知的单位：无');
  });

  it('ranks units by open errors and lists those that need a 整改 notice', () => {
    const output: Output = sampleOutput();
    const other = { ...output.documents[0], file: 'b.pdf', unit: '湛江市财政局', findings: [...output.documents[0].findings, { ...output.documents[0].findings[0], fingerprint: 'fp-2' }] };
    output.documents.push(other);
    const lines = formatSummary(output).split('\n');
    expect(lines[1]).toBe('按未排除错误排序的单位：');
    expect(lines[2]).toMatch(/^ {2}1\. 湛江市财政局　错误 2 项/);
    expect(lines[3]).toMatch(/^ {2}2\. 湛江市金融工作局　错误 1 项/);
    expect(lines.at(-1)).toBe('需发整改通知的单位 2 个：湛江市财政局（错误 2 项）、湛江市金融工作局（错误 1 项）');
  });
});

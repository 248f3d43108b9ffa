// A hand-built Output for reporter tests: one checked document with an indicator tree and findings
// of every severity (one pointing at a tree row, one with hostile text), and one unreadable file.
import { OutputSchema, type DocumentResult, type Finding, type Output } from '../../model/index.ts';

const loc = (table: number | null, row: number | null, column: number | null = null, page: number | null = null, line: number | null = null) => ({
  page, table, row, column, line,
});

export const HOSTILE_EVIDENCE = '扣分说明：<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2"> "引号", 逗号\n第二行';

export function sampleFindings(): Finding[] {
  return [
    {
      rule: 'score/total-mismatch',
      severity: 'error',
      message: '评分表合计为100分，但各项得分相加为94.42分',
      expected: '94.42',
      actual: '100',
      location: loc(1, 9, 4, 12),
      evidence: '合计\t100\t100',
      subject: '合计',
      calculation: '20 + 17.5 + 30 + 26.92 = 94.42',
      fingerprint: 'fp-total',
      effect: { total: { from: '100', to: '94.42' }, grade: { from: '优', to: '优' } },
    },
    {
      rule: 'score/subtotal-mismatch',
      severity: 'warning',
      message: '二级指标“预算执行率”得分3分，超过其分值2分',
      expected: '2',
      actual: '3',
      location: loc(1, 4, 4, 12),
      evidence: '预算执行率\t2\t3',
      subject: '预算执行率',
      calculation: '3 > 2',
      fingerprint: 'fp-rate',
    },
    {
      rule: 'text/explanation-score',
      severity: 'info',
      message: '评分说明与得分不一致，请人工核对',
      expected: '1.5',
      actual: '2',
      location: loc(null, null, null, 13, 240),
      evidence: HOSTILE_EVIDENCE,
      subject: '=HYPERLINK("http://evil")',
      calculation: null,
      fingerprint: 'fp-hostile',
    },
  ];
}

export function sampleDocument(): DocumentResult {
  return {
    file: 'reports/2022-金融工作局.pdf',
    sha256: 'a'.repeat(64),
    format: 'pdf',
    status: 'partial',
    error: null,
    unit: '湛江市金融工作局',
    year: 2022,
    claimedTotal: '100',
    computedTotal: '94.42',
    grade: '优',
    findings: sampleFindings(),
    notes: ['第3页为扫描件，已做文字识别'],
    tables: [
      {
        kind: 'scoring',
        table: 1,
        quality: 'ok',
        indicators: [
          { id: '1', level: 1, name: '决策', weight: '20', score: '20', location: loc(1, 2, 1, 12) },
          { id: '1/1', level: 2, name: '目标设定', weight: '20', score: '20', location: loc(1, 3, 2, 12) },
          { id: '2', level: 1, name: '过程', weight: '20', score: '17.5', location: loc(1, 4, 1, 12) },
          { id: '2/1', level: 2, name: '预算执行率', weight: '2', score: '3', location: loc(1, 4, 2, 12) },
          { id: '2/1/1', level: 3, name: '支出完成率', weight: '2', score: '3', location: loc(1, 5, 3, 12) },
          { id: '3', level: 1, name: '产出', weight: '30', score: '30', location: loc(1, 6, 1, 12) },
          { id: '4', level: 1, name: '效益', weight: '30', score: '26.92', location: loc(1, 7, 1, 12) },
        ],
      },
    ],
  };
}

export function failedDocument(): DocumentResult {
  return {
    file: 'reports/加密文件.pdf',
    sha256: null,
    format: 'pdf',
    status: 'error',
    error: { code: 'encrypted', message: '文件已加密，无法读取' },
    unit: null,
    year: null,
    claimedTotal: null,
    computedTotal: null,
    grade: null,
    findings: [],
    notes: [],
    tables: [],
  };
}

export function sampleOutput(): Output {
  return OutputSchema.parse({ tool: { name: 'jixiao', version: '0.1.0' }, documents: [sampleDocument(), failedDocument()] });
}

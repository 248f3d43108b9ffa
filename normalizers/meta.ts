// Who and when: the evaluated unit, the year, the kind of report, the city.
import type { Report } from '../model/index.ts';

const UNIT_LABEL = /(?:评价单位|核查单位|预算单位名称|单位名称|被评价单位|单位)\s*[:：\s]\s*([^\s，,。:：]{2,40}(?:局|办|办公室|中心|委员会|委|院|所|站|队|馆|会|厅|部|处|室|政府|本级|公司|学校|医院))/;
const UNIT_IN_TITLE = /((?:[\p{Script=Han}]{2,6}(?:省|市|区|县))[\p{Script=Han}（）()]{2,30}?(?:局|办公室|办|中心|委员会|院|馆|政府))/u;
const YEAR_LABEL = /(?:评价年度|年度)\s*[:：]\s*((?:19|20)\d{2})/;
const YEAR_IN_TITLE = /((?:19|20)\d{2})\s*年(?:度)?/;
const CITIES = ['湛江', '岳阳', '广州', '深圳', '长沙'];

export function extractMeta(text: Report['text']): Report['meta'] {
  const head = text.slice(0, 60).map((t) => t.text.replace(/\t+/g, ' '));
  const all = head.join('\n');
  const unit = firstMatch(head, UNIT_LABEL) ?? firstMatch(head, UNIT_IN_TITLE);
  const yearText = firstMatch(head, YEAR_LABEL) ?? firstMatch(head.filter((l) => /绩效|评价|自评/.test(l)), YEAR_IN_TITLE);
  const title = head.find((l) => /(绩效|评价).{0,20}(报告|评分表|自评表|数据表)/.test(l) && l.length < 80) ?? null;
  const kind = /第三方|核查|复核/.test(title ?? '') || /第三方|评价机构|会计师事务所/.test(all) ? 'third-party' : /自评/.test(all) ? 'self' : 'unknown';
  const cityText = text.slice(0, 400).map((t) => t.text).join('\n');
  const city = CITIES.map((c) => ({ c, n: cityText.split(c).length - 1 })).sort((a, b) => b.n - a.n).find((x) => x.n > 0)?.c ?? null;
  return { unit: unit ?? null, year: yearText ? Number(yearText) : null, title: title?.trim() ?? null, kind, city };
}

function firstMatch(lines: string[], pattern: RegExp): string | undefined {
  for (const line of lines) {
    const m = pattern.exec(line);
    if (m) return m[1].trim();
  }
  return undefined;
}

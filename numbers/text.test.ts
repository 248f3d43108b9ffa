import { describe, expect, it } from 'vitest';
import { cleanText } from './text.ts';

describe('cleanText', () => {
  it('turns full-width digits and punctuation into ASCII and keeps the Chinese dash', () => {
    expect(cleanText('１２３．４５％（－６）／２＝＋１＊ — 8–9−1')).toBe('123.45%(-6)/2=+1* — 8-9-1');
  });

  it('removes LaTeX and markdown debris, also when its marks were full-width', () => {
    expect(cleanText('$\\frac$ 9\\times 3 \\text{万元} \\％')).toBe('\\frac 9× 3 万元 %');
    expect(cleanText('＊＊得分＊＊<p>说明</p>')).toBe('得分 说明 ');
  });

  it('returns plain text unchanged', () => {
    expect(cleanText('预算执行率为92.3%，得分9分。')).toBe('预算执行率为92.3%，得分9分。');
  });
});

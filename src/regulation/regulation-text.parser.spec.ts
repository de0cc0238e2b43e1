import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChineseNumber, toChineseNumber } from '../common/text/chinese-numerals';
import { parseRegulationText } from './regulation-text.parser';

describe('Chinese numerals', () => {
  it('should read article numbers as integers', () => {
    expect(
      ['一', '十', '十一', '二十', '二十二', '四十七', '五十', '一百零五'].map(parseChineseNumber),
    ).toEqual([1, 10, 11, 20, 22, 47, 50, 105]);
    expect(parseChineseNumber('第二')).toBeNull();
  });

  it('should write 1..50 the way article numbers are written', () => {
    for (let n = 1; n <= 50; n++) expect(parseChineseNumber(toChineseNumber(n))).toBe(n);
    expect(toChineseNumber(22)).toBe('二十二');
    expect(toChineseNumber(10)).toBe('十');
  });
});

describe('parseRegulationText', () => {
  const sample = [
    '# 信访工作条例',
    '',
    '## 第一章 总则',
    '',
    '第一条 为了……制定本条例。',
    '',
    '第二条 本条例适用于……',
    '',
    '（一）第一项；',
    '',
    '第二条 look-alike paragraph that is not a new article',
    '',
    '## 第二章 信访工作体制',
    '',
    '第三条　全角空格分隔。',
  ].join('\n');

  it('should split chapters and multi-paragraph articles', () => {
    const text = parseRegulationText(sample);
    expect([...text.chapters]).toEqual([
      [1, '第一章 总则'],
      [2, '第二章 信访工作体制'],
    ]);
    expect(text.articles.get(1)).toEqual({ number: 1, chapter: 1, paragraphs: ['为了……制定本条例。'] });
    expect(text.articles.get(2)?.paragraphs).toEqual([
      '本条例适用于……',
      '（一）第一项；',
      '第二条 look-alike paragraph that is not a new article',
    ]);
    expect(text.articles.get(3)).toEqual({ number: 3, chapter: 2, paragraphs: ['全角空格分隔。'] });
  });

  it("should read all 50 articles of the project's own excerpt of the text", () => {
    const markdown = readFileSync(
      join(__dirname, '..', '..', 'test', 'fixtures', 'regulation', 'regulation-fixture.md'),
      'utf8',
    );
    const text = parseRegulationText(markdown);
    expect([...text.articles.keys()]).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(text.articles.get(22)?.paragraphs.join('')).toContain('15日内');
    expect(text.articles.get(50)?.chapter).toBe(6);
    expect(text.articles.get(5)?.paragraphs).toHaveLength(6);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkRegulationText } from './regulation-text.check';

const fixture = readFileSync(
  join(__dirname, '..', '..', 'test', 'fixtures', 'regulation', 'regulation-fixture.md'),
  'utf8',
);
const messages = (markdown: string) => checkRegulationText(markdown).problems.map((p) => p.message);

describe('checkRegulationText', () => {
  it('should accept a text of 50 articles numbered 1..50 under chapter headings', () => {
    const { text, problems } = checkRegulationText(fixture);
    expect(problems).toEqual([]);
    expect(text.articles.size).toBe(50);
  });

  it('should name a missing article and the line where the gap shows', () => {
    const without20 = fixture.replace(/^第二十条 .*$/m, '');
    const problems = checkRegulationText(without20).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^第 \d+ 行：缺少第二十条（上一条是第十九条，这里是第二十一条）。$/);
    expect(problems[0].line).toBe(without20.split('\n').findIndex((l) => l.startsWith('第二十一条')) + 1);
  });

  it('should refuse a repeated article, an article before the first chapter and extra articles', () => {
    expect(messages(fixture.replace('第三条 ', '第二条 '))).toEqual([
      expect.stringMatching(/第二条重复或顺序颠倒（上一条是第二条）/),
      expect.stringMatching(/缺少第三条/),
    ]);
    expect(messages(`第一条 前言\n\n${fixture}`)[0]).toMatch(/^第 1 行：第一条出现在第一个章标题之前/);
    expect(messages(`${fixture}\n第五十一条 多余的一条。\n`)).toEqual([
      expect.stringMatching(/条例只有 50 条：第五十一条及以后各条不属于条例/),
    ]);
  });

  it('should say how many articles were found when the text stops early', () => {
    const first10 = fixture.slice(0, fixture.indexOf('第十一条'));
    expect(messages(first10)).toEqual([
      '只找到 10 条，条例应有 50 条（第一条至第五十条）：缺少第十一条及以后各条。',
    ]);
  });

  it('should refuse empty text, text without chapter headings and empty articles', () => {
    expect(messages('  \n')).toEqual(['内容为空：请选择或粘贴《信访工作条例》全文。']);
    expect(messages('第一条 没有章标题。')).toEqual(
      expect.arrayContaining([expect.stringMatching(/没有找到章标题/)]),
    );
    expect(messages(fixture.replace(/^第七条 .*$/m, '第七条'))).toEqual([
      expect.stringMatching(/第七条没有条文内容/),
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHAPTERS } from '../content/dimensions';
import { checkRegulationText } from './regulation-text.check';
import { RegulationTextInvalidError } from './regulation.errors';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'regulation', name), 'utf8');
const TEXT_2022 = fixture('regulation-fixture.md');
/** The 2005 《信访条例》's shape with 第五十一条 removed: 50 articles, which the old check accepted. */
const CUT_2005 = fixture('regulation-2005-cut.md');

const checksFailed = (markdown: string) => [
  ...new Set(checkRegulationText(markdown).problems.map((p) => p.check ?? 'structure')),
];

describe('checkRegulationText: is it the 2022 《信访工作条例》?', () => {
  it('should accept the 2022 excerpt', () => {
    expect(checkRegulationText(TEXT_2022).problems).toEqual([]);
  });

  it('should refuse the 2005 text with 第五十一条 removed, naming the title, the chapters and the effective date', () => {
    const { problems } = checkRegulationText(CUT_2005);
    expect(checksFailed(CUT_2005)).toEqual(['title', 'chapters', 'effective-date']);
    expect(problems[0]).toEqual({
      line: 1,
      check: 'title',
      message:
        '第 1 行：标题是“信访条例”，这是2005年国务院《信访条例》，已被2022年《信访工作条例》取代：请上传2022年的《信访工作条例》全文。',
    });
    const messages = problems.map((p) => p.message);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /章标题是“第二章 信访渠道”，2022年《信访工作条例》的这一章是“第二章 信访工作体制”。$/,
      ),
    );
    expect(messages).toContainEqual(expect.stringMatching(/章标题“第七章 附则”不属于2022年《信访工作条例》/));
    expect(messages).toContainEqual(
      expect.stringMatching(/^第五十条应是“本条例自2022年5月1日起施行。”，这里是“对外国人、无国籍人/),
    );
  });

  it('should still refuse it with the title renamed, then with the chapter headings renamed too', () => {
    const retitled = CUT_2005.replace(/^# 信访条例$/m, '# 信访工作条例');
    expect(checksFailed(retitled)).toEqual(['chapters', 'effective-date']);
    // Every 2005 heading replaced by the 2022 heading of its number, the seventh dropped.
    let renamed = retitled.replace(/^## 第七章 .*$/m, '');
    for (const c of Object.values(CHAPTERS)) {
      renamed = renamed.replace(new RegExp(`^## ${c.title.split(' ')[0]} .*$`, 'm'), `## ${c.title}`);
    }
    const problems = checkRegulationText(renamed).problems;
    expect(checksFailed(renamed)).toEqual(['chapters', 'effective-date']);
    expect(problems.map((p) => p.message)).toContain(
      '第一章下是第一条至第八条，2022年《信访工作条例》的这一章是第一条至第六条。',
    );
  });

  it('should refuse a 2022 text whose 第五十条 carries another date, and one without a title', () => {
    const wrongDate = TEXT_2022.replace(/^第五十条 .*$/m, '第五十条 本条例自2005年5月1日起施行。');
    expect(checkRegulationText(wrongDate).problems).toEqual([
      expect.objectContaining({
        check: 'effective-date',
        message: expect.stringMatching(/全文写的是2005年5月1日起施行/),
      }),
    ]);
    const untitled = TEXT_2022.replace(/^# .*$/m, '');
    expect(checkRegulationText(untitled).problems).toEqual([
      expect.objectContaining({ check: 'title', message: expect.stringMatching(/^没有找到标题/) }),
    ]);
  });

  it('should carry a stable code saying which kind of refusal it is', () => {
    expect(new RegulationTextInvalidError(checkRegulationText(CUT_2005).problems)).toMatchObject({
      code: 'REGULATION.TEXT_NOT_2022',
      message:
        '上传的不是2022年《信访工作条例》（标题、章标题、第五十条施行日期不符），未保存。共 14 处问题。',
    });
    const broken = checkRegulationText(TEXT_2022.replace(/^第二十条 .*$/m, '')).problems;
    expect(new RegulationTextInvalidError(broken).code).toBe('REGULATION.TEXT_INVALID');
  });
});

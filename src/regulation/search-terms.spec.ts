import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseForSearch } from '../common/search/normalised-search';
import { compileRegulationQuery, regulationMatches } from './regulation-search';
import { OFFICER_TERMS } from './search-terms';

// The project's excerpt of the 2022 text (verbatim where it is not cut with ……).
const EXCERPT = normaliseForSearch(
  readFileSync(
    join(__dirname, '..', '..', 'test', 'fixtures', 'regulation', 'regulation-fixture.md'),
    'utf8',
  ),
).text;
const matches = (q: string, text: string) =>
  regulationMatches([normaliseForSearch(text).text], compileRegulationQuery(q)!);

describe('officers’ terms (search-terms.ts)', () => {
  it.each(OFFICER_TERMS.map((t) => [t.term, t.textWords] as const))(
    'should map %s only to words that occur in the 2022 text',
    (term, textWords) => {
      for (const w of textWords) {
        expect({ w, inText: EXCERPT.includes(normaliseForSearch(w).text) }).toEqual({ w, inText: true });
      }
      // A term the text itself uses would need no entry.
      expect(EXCERPT.includes(normaliseForSearch(term).text)).toBe(false);
    },
  );
});

describe('compileRegulationQuery', () => {
  it('should ignore the text’s punctuation', () => {
    expect(matches('谁主管谁负责', '属地管理、分级负责，谁主管、谁负责。')).toBe(true);
    expect(matches('推诿敷衍拖延', '不得推诿、敷衍、拖延。')).toBe(true);
  });

  it('should need every word separated by spaces, in any order and place', () => {
    expect(matches('复查 期限', '复查意见……不计算在前款规定的期限内')).toBe(true);
    expect(matches('期限 复查', '复查意见……不计算在前款规定的期限内')).toBe(true);
    expect(matches('复查 期限', '可以适当延长办理期限')).toBe(false);
  });

  it('should read officers’ terms and day counts as the text’s words, inside longer words too', () => {
    expect(matches('督查督办', '应当及时督办')).toBe(true);
    expect(matches('越级上访', '应当到有权处理的本级或者上一级机关、单位设立或者指定的接待场所提出')).toBe(
      false,
    );
    expect(matches('越级上访', '信访人采用走访形式……应当到有权处理的本级或者上一级机关')).toBe(true);
    expect(matches('十五天', '在15日内分别按照下列方式处理')).toBe(true);
    expect(matches('15天内', '在十五日内')).toBe(true);
    expect(matches('十五天', '在30日内')).toBe(false);
  });

  it('should list what to mark: the phrase, the words and the terms’ text words', () => {
    expect(compileRegulationQuery('督查督办 期限')?.needles).toEqual([
      '督查督办期限',
      '督查督办',
      '督查',
      '督办',
      '期限',
    ]);
    expect(compileRegulationQuery(' 、 ')).toBeNull();
  });
});

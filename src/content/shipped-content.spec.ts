import { SHIPPED_CONTENT } from '../../test/fixtures/content/content-fixture';
import { loadContent } from './loader/load-content';
import { qualityProblems } from './quality/bank-quality';

describe('shipped content/', () => {
  it('should pass content:check with no problems', () => {
    const { problems, tree } = loadContent(SHIPPED_CONTENT);
    expect(problems.map((p) => `${p.file}:${p.line}  ${p.code}  ${p.message}`)).toEqual([]);
    expect(tree.articles).toHaveLength(50);
    expect(tree.courses.length).toBeGreaterThan(0);
  });

  it('should meet the bank-quality limits in every course not exempted', () => {
    const { tree } = loadContent(SHIPPED_CONTENT);
    expect(qualityProblems(tree).map((p) => `${p.file}:${p.line}  ${p.code}  ${p.message}`)).toEqual([]);
  });
});

import { renderMarkdown } from './render-markdown';

describe('renderMarkdown', () => {
  it('should turn an article link into a link to the regulation page', () => {
    const html = renderMarkdown('代表人数「不得超过5人」（[第二十条](article:20)）。');
    expect(html).toContain('<a href="/regulation#article-20" class="article-link">第二十条</a>');
  });

  it('should resolve every article link content:check accepts, including reference-style ones and leading zeros', () => {
    const html = renderMarkdown('见[第二十条][r]和[第九条](article:009)。\n\n[r]: article:20');
    expect(html).toContain('<a href="/regulation#article-20" class="article-link">第二十条</a>');
    expect(html).toContain('<a href="/regulation#article-9" class="article-link">第九条</a>');
  });

  it('should strip scripts, event handlers and javascript: links', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n[点我](javascript:alert(1))',
    );
    expect(html).not.toMatch(/script|onerror|javascript:/i);
    expect(html).toContain('点我');
  });

  it('should keep headings, lists, emphasis and tables', () => {
    const html = renderMarkdown(
      '## 要点\n\n- **15日**内\n\n| 事项 | 去向 |\n| --- | --- |\n| 信件 | 转送 |\n',
    );
    expect(html).toContain('<h2>要点</h2>');
    expect(html).toContain('<li><strong>15日</strong>内</li>');
    expect(html).toContain('<td>信件</td>');
  });
});

import { parse } from 'csv-parse/sync';
import { attachmentHeader, neutraliseCell, toCsv } from './csv-export';

describe('toCsv', () => {
  it('should neutralise cells a spreadsheet would run as a formula', () => {
    expect(neutraliseCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(neutraliseCell('+1')).toBe("'+1");
    expect(neutraliseCell('-2')).toBe("'-2");
    expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseCell('张三')).toBe('张三');
    expect(neutraliseCell(-2)).toBe(-2);
  });

  it('should write a BOM, a header and rows that parse back', () => {
    const csv = toCsv<{ name: string; n: number }>(
      [
        { header: '姓名', value: (r) => r.name },
        { header: '学时', value: (r) => r.n },
      ],
      [{ name: '李四, "小李"', n: 2.5 }],
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(parse(csv.slice(1))).toEqual([
      ['姓名', '学时'],
      ['李四, "小李"', '2.5'],
    ]);
  });

  it('should name a Chinese file in both header forms', () => {
    expect(attachmentHeader('审计日志.csv')).toContain("filename*=UTF-8''%E5%AE%A1");
  });
});

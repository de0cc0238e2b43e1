import { decodeCsvBytes } from './csv-text';
import { checkIndicatorCsv } from './indicator-csv';

const units = [
  { id: 'u-a', name: '甲街道' },
  { id: 'u-b', name: '乙街道' },
  { id: 'u-c1', name: '一社区' },
  { id: 'u-c2', name: '一社区' },
];
const check = (csv: string) => checkIndicatorCsv(csv, units, new Set(['2024']));
const codes = (csv: string) => check(csv).problems.map((p) => `${p.row}:${p.field}:${p.code}`);

describe('bureau indicator CSV', () => {
  it('reads UTF-8 with and without BOM as UTF-8 and anything else as GBK', () => {
    expect(decodeCsvBytes(Buffer.from('\uFEFF单位', 'utf8'))).toEqual({ text: '单位', encoding: 'utf-8' });
    expect(decodeCsvBytes(Buffer.from('单位', 'utf8'))).toEqual({ text: '单位', encoding: 'utf-8' });
    expect(decodeCsvBytes(Buffer.from([0xb5, 0xa5, 0xce, 0xbb]))).toEqual({ text: '单位', encoding: 'gbk' });
  });

  it('accepts Chinese or code headers, indicator names or codes, and 92%', () => {
    expect(check('单位,统计期间,指标名称,实际值\n甲街道,2025,群众满意率,92%\n').rows).toEqual([
      {
        row: 2,
        unitId: 'u-a',
        unitName: '甲街道',
        period: '2025',
        code: 'SATISFACTION',
        name: '群众满意率',
        value: 92,
        numerator: null,
        denominator: null,
      },
    ]);
    expect(check('UNIT, Period ,CODE,VALUE\n甲街道,2025,satisfaction,0\n').rows[0]).toMatchObject({
      value: 0,
    });
  });

  it('refuses a fraction, but not a small rate computed from its basis', () => {
    expect(check('unit,period,code,value\n甲街道,2025,SATISFACTION,1\n').problems[0].message).toBe(
      '第 2 行：看起来是小数，请写 92 而不是 0.92',
    );
    expect(
      check('unit,period,code,numerator,denominator,value\n甲街道,2025,SATISFACTION,1,200,0.5\n').rows[0],
    ).toMatchObject({ value: 0.5, numerator: 1, denominator: 200 });
  });

  it('names each problem by line and field', () => {
    expect(
      codes(
        'unit,period,code,numerator,denominator\n一社区,2024,SATISFACTION,3,2\n乙街道,2025,CAPABILITY_AVG,1,0\n乙街道,2025,SATISFACTION,x,\n',
      ),
    ).toEqual([
      '2:unit:ambiguous',
      '2:period:period_closed',
      '2:numerator:numerator_above_denominator',
      '3:code:unknown_code',
      '3:denominator:denominator_invalid',
      '4:numerator:numerator_invalid',
      '4:denominator:denominator_invalid',
    ]);
    expect(codes('unit,period,code,value\n甲街道,2025,SATISFACTION,90\n甲街道,2025,群众满意率,91\n')).toEqual(
      ['3:code:duplicate'],
    );
    expect(codes('单位,期间,值\n')).toEqual(['1:header:missing_column']);
    expect(codes('单位,期间,指标,值\n')).toEqual(['1:file:empty']);
  });
});

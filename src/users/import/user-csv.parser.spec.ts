import { parseUserCsv } from './user-csv.parser';

describe(parseUserCsv.name, () => {
  it('should number rows by their line in the file, counting the header as row 1', () => {
    const { rows, problems } = parseUserCsv(
      '\uFEFFusername,name,password,role,unit\nzs,张三,pw-12345678,officer,甲街道\n\nls,李四,pw-12345678,officer,甲街道\n',
    );
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.row, r.username, r.unit])).toEqual([
      [2, 'zs', '甲街道'],
      [4, 'ls', '甲街道'],
    ]);
  });

  it('should accept Chinese headers in any order', () => {
    const { rows, problems } = parseUserCsv(
      '姓名,用户名,角色,单位,密码\n张三,zs,信访干部,甲街道,pw-12345678\n',
    );
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({
      username: 'zs',
      name: '张三',
      role: '信访干部',
      password: 'pw-12345678',
    });
  });

  it('should report a missing column and an unknown one on row 1', () => {
    const { problems } = parseUserCsv('username,name,password,role,department\nzs,张三,x,officer,甲\n');
    expect(problems).toEqual([
      { row: 1, field: 'department', code: 'unknown_column' },
      { row: 1, field: 'unit', code: 'missing_column' },
    ]);
  });

  it('should report header cells named like Object members as unknown columns', () => {
    const { problems } = parseUserCsv(
      'username,name,password,role,unit,constructor,__proto__\nzs,张三,x,officer,甲,a,b\n',
    );
    expect(problems).toEqual([
      { row: 1, field: 'constructor', code: 'unknown_column' },
      { row: 1, field: '__proto__', code: 'unknown_column' },
    ]);
  });

  it('should report an empty file and a file with only a header', () => {
    expect(parseUserCsv('').problems).toEqual([{ row: 1, field: null, code: 'empty_file' }]);
    expect(parseUserCsv('username,name,password,role,unit\n').problems[0].code).toBe('empty_file');
  });

  it('should report broken quoting instead of throwing', () => {
    expect(parseUserCsv('username,name,password,role,unit\n"zs,张三\n').problems[0].code).toBe(
      'malformed_csv',
    );
  });

  it('should give a multi-line quoted record the line it starts on', () => {
    const { rows } = parseUserCsv(
      'username,name,password,role,unit\nzs,"张\n三",pw-12345678,officer,甲\nls,李四,pw-12345678,officer,甲\n',
    );
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
  });
});

import { fieldErrorMessage } from './field-messages';

describe('fieldErrorMessage', () => {
  it('should name the field and say what to do, choosing 请选择 for list fields', () => {
    expect(fieldErrorMessage('required', 'name', { name: '姓名' })).toBe('请填写姓名');
    expect(fieldErrorMessage('isNotEmpty', 'unitId')).toBe('请选择单位');
    expect(fieldErrorMessage('in_past', 'dueAt')).toBe('截止日期必须晚于今天，请选择以后的日期');
    expect(fieldErrorMessage('maxLength', 'note')).toBe('备注过长，请删减');
  });

  it('should never show a code, even one it does not know', () => {
    for (const code of ['isUuid', 'minLength', 'whatever_new_code', 'unknown_unit', 'username_taken']) {
      expect(fieldErrorMessage(code, 'unitId')).not.toMatch(/[A-Za-z_]{3,}/);
    }
    expect(fieldErrorMessage('some_code', 'constructor')).toBe('此项填写不正确，请检查后重新填写');
  });
});

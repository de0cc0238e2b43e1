import { apiFieldFix, FIELD_CODES, FIELD_LABELS, fieldErrorMessage } from './field-messages';

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

describe('the field-code table', () => {
  const codes = ['required', ...Object.keys(FIELD_CODES).filter((code) => FIELD_CODES[code].page)];

  it('should name every known field in its page sentence and never fall back to 此项', () => {
    const nameless: string[] = [];
    for (const code of codes) {
      for (const [field, label] of Object.entries(FIELD_LABELS)) {
        const message = fieldErrorMessage(code, field);
        expect(message).not.toContain('此项');
        const usesLabel = code === 'required' || (FIELD_CODES[code].page?.length ?? 0) > 0;
        if (usesLabel && !message.includes(label)) nameless.push(`${code} ${field}: ${message}`);
      }
    }
    expect(nameless).toEqual([]);
  });

  it('should quote the person’s value back where that helps', () => {
    expect(fieldErrorMessage('unknown_unit', 'unit', {}, '甲街道')).toBe(
      '找不到单位「甲街道」，请先在单位管理中创建，或填写单位全称',
    );
    expect(fieldErrorMessage('username_taken', 'username')).toBe('用户名已被使用，请换一个');
  });

  it('should give the API the same table’s fix for each constraint', () => {
    expect(apiFieldFix('max', '200')).toBe('不能大于 200');
    expect(apiFieldFix('isUuid', '')).toBe('应为编号（UUID 格式）');
    expect(apiFieldFix('someNewConstraint', '')).toBe('格式不对');
  });
});

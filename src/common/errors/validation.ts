import { ValidationError, ValidationPipe } from '@nestjs/common';
import { invalid } from './common.errors';

/** `{ "title": "isNotEmpty", "items.0.id": "isString", "foo": "unknown_field" }` */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.keys(error.constraints ?? {});
    if (constraints.length > 0) {
      out[path] = constraints[0] === 'whitelistValidation' ? 'unknown_field' : constraints[0];
    }
    Object.assign(out, flattenValidationErrors(error.children ?? [], path));
  }
  return out;
}

/** Constraints whose own message is written for people (Chinese, naming the field): shown as the error message. */
const PEOPLE_MESSAGES = new Set(['invalid_characters']);

function peopleMessage(errors: ValidationError[]): string | undefined {
  for (const error of errors) {
    const hit = Object.entries(error.constraints ?? {}).find(([name]) => PEOPLE_MESSAGES.has(name));
    if (hit) return hit[1];
    const nested = peopleMessage(error.children ?? []);
    if (nested) return nested;
  }
  return undefined;
}

const firstNumber = (text: string | undefined): string => text?.match(/-?\d+(\.\d+)?/)?.[0] ?? '';

/** What to do about a failed constraint, in Chinese (the limit read off class-validator's own message). */
const FIXES: Record<string, (limit: string) => string> = {
  isUuid: () => '应为编号（UUID 格式）',
  isNotEmpty: () => '不能为空',
  isString: () => '应为文字',
  isInt: () => '应为整数',
  isNumber: () => '应为数字',
  isBoolean: () => '应为 true 或 false',
  isIn: () => '不是可选的取值之一（见接口文档）',
  isIso8601: () => '应为日期时间，例如 2026-12-10T09:00:00+08:00',
  isUrl: () => '应为 http(s) 开头的链接',
  isArray: () => '应为列表',
  min: (n) => `不能小于 ${n}`,
  max: (n) => `不能大于 ${n}`,
  minLength: (n) => `至少 ${n} 个字`,
  maxLength: (n) => `最多 ${n} 个字`,
  arrayMinSize: (n) => `至少要有 ${n} 项`,
  arrayMaxSize: (n) => `最多 ${n} 项`,
  matches: () => '格式不对',
  whitelistValidation: () => '不是可提交的字段，请删去',
};

/** `提交的数据不符合要求：size 不能大于 200；unitId 应为编号（UUID 格式）`: names each field (at most three) and the fix. */
function fieldsMessage(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const [name, text] = Object.entries(error.constraints ?? {})[0] ?? [];
    const own = name ? [`${path} ${(FIXES[name] ?? (() => '格式不对'))(firstNumber(text))}`] : [];
    return [...own, ...fieldsMessage(error.children ?? [], path)];
  });
}

function validationMessage(errors: ValidationError[]): string {
  const people = peopleMessage(errors);
  if (people) return people;
  const parts = fieldsMessage(errors);
  if (parts.length === 0) return '提交的数据不符合要求';
  return `提交的数据不符合要求：${parts.slice(0, 3).join('；')}${parts.length > 3 ? `（共 ${parts.length} 处）` : ''}`;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) =>
      invalid(validationMessage(errors), flattenValidationErrors(errors)),
  });
}

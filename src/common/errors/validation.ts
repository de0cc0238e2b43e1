import { ValidationError, ValidationPipe } from '@nestjs/common';
import { apiFieldFix } from '../forms/field-messages';
import { invalid } from './common.errors';

/**
 * Presence and type checks come before range checks: a number sent for a text field is 「应为文字」, not 「最多 256 个字」.
 * (Decorators register bottom-up, so without this the last-written constraint would be reported.)
 */
const TYPE_CONSTRAINTS = [
  'whitelistValidation',
  'isDefined',
  'isNotEmpty',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isUUID',
  'isEnum',
  'isIn',
  'isDateString',
  'isDate',
];

/** The one constraint reported for a field: its type check when that failed, else the first one. */
export function primaryConstraint(error: ValidationError): [string, string] | undefined {
  const entries = Object.entries(error.constraints ?? {});
  return entries.find(([name]) => TYPE_CONSTRAINTS.includes(name)) ?? entries[0];
}

/** `{ "title": "isNotEmpty", "items.0.id": "isString", "foo": "unknown_field" }` */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const [name] = primaryConstraint(error) ?? [];
    if (name) out[path] = name === 'whitelistValidation' ? 'unknown_field' : name;
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

/** `提交的数据不符合要求：size 不能大于 200；unitId 应为编号（UUID 格式）`: names each field (at most three) and the fix. */
function fieldsMessage(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const [name, text] = primaryConstraint(error) ?? [];
    const own = name ? [`${path} ${apiFieldFix(name, firstNumber(text))}`] : [];
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
    // every constraint of a field is checked, so primaryConstraint can report its type error first
    stopAtFirstError: false,
    exceptionFactory: (errors) => invalid(validationMessage(errors), flattenValidationErrors(errors)),
  });
}

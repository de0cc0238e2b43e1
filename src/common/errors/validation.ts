import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from './app-error';

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

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) =>
      new AppError(400, 'VALIDATION.FAILED', peopleMessage(errors) ?? '提交的数据不符合要求', flattenValidationErrors(errors)),
  });
}

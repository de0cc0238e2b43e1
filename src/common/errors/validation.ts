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

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) =>
      new AppError(400, 'VALIDATION.FAILED', '提交的数据不符合要求', flattenValidationErrors(errors)),
  });
}

import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppError } from '../errors/app-error';
import { flattenValidationErrors } from '../errors/validation';
import { fieldErrorMessage } from './field-messages';

/**
 * Page forms validate against the same DTO classes as the API, but a failure must re-render the
 * form rather than show an error page, so page handlers take the raw body and call this instead of
 * relying on the global ValidationPipe. Unknown fields are dropped (forms carry buttons and the like).
 */
export async function parseForm<T extends object>(dtoClass: ClassConstructor<T>, body: Record<string, unknown>): Promise<T> {
  const dto = plainToInstance(dtoClass, body);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: false, stopAtFirstError: true });
  if (errors.length > 0) {
    throw new AppError(400, 'VALIDATION.FAILED', '提交的数据不符合要求', flattenValidationErrors(errors));
  }
  return dto;
}

/** Empty form inputs mean "not given". */
export function blankToUndefined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== '' && v !== undefined && v !== null));
}

export interface FormFailure {
  status: number;
  message: string;
  /** field → Chinese message, for showing beside the inputs. */
  fields: Record<string, string>;
}

/**
 * A client error (4xx AppError) turned into what a form shows; anything else is rethrown by the
 * caller so that real failures still reach the error filter.
 */
export function formFailure(error: unknown): FormFailure | null {
  if (!(error instanceof AppError)) return null;
  const status = error.getStatus();
  if (status < 400 || status >= 500 || status === 401 || status === 403) return null;
  const fields: Record<string, string> = {};
  if (error.errors && !Array.isArray(error.errors)) {
    for (const [field, code] of Object.entries(error.errors)) fields[field] = fieldErrorMessage(code);
  }
  return { status, message: error.message, fields };
}

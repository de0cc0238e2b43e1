import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppError } from '../errors/app-error';
import { flattenValidationErrors } from '../errors/validation';
import { fieldErrorMessage, FORM_LABELS } from './field-messages';

const isBlank = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

/** A form error that knows what the form calls its fields. */
class FormError extends AppError {
  constructor(
    errors: Record<string, string>,
    readonly labels: Record<string, string>,
  ) {
    super(400, 'VALIDATION.FAILED', '提交的数据不符合要求', errors);
  }
}

/**
 * Page forms validate against the same DTO classes as the API, but a failure must re-render the
 * form rather than show an error page, so page handlers take the raw body and call this instead of
 * relying on the global ValidationPipe. Unknown fields are dropped (forms carry buttons and the like).
 * A field left empty is reported as `required` whatever constraint failed first (an empty name is
 * missing, not "too long").
 */
export async function parseForm<T extends object>(
  dtoClass: ClassConstructor<T>,
  body: Record<string, unknown>,
): Promise<T> {
  const dto = plainToInstance(dtoClass, body);
  const errors = await validate(dto, {
    whitelist: true,
    forbidNonWhitelisted: false,
    stopAtFirstError: false, // primaryConstraint picks the one to report
  });
  if (errors.length > 0) {
    const codes = flattenValidationErrors(errors);
    for (const field of Object.keys(codes)) {
      if (!field.includes('.') && isBlank(body[field])) codes[field] = 'required';
    }
    throw new FormError(codes, FORM_LABELS[dtoClass.name] ?? {});
  }
  return dto;
}

/** Empty form inputs mean "not given". */
export function blankToUndefined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body).filter(([, v]) => v !== '' && v !== undefined && v !== null),
  );
}

export interface FormFailure {
  status: number;
  message: string;
  /** field → Chinese message, for showing beside the inputs. */
  fields: Record<string, string>;
}

/**
 * A client error (4xx AppError) turned into what a form shows; anything else is rethrown by the
 * caller so that real failures still reach the error filter. Field errors become Chinese sentences
 * that name the field and the fix (`labels` renames fields for this form); the summary at the top
 * repeats them, so nothing but Chinese reaches the page.
 */
export function formFailure(error: unknown, labels: Record<string, string> = {}): FormFailure | null {
  if (!(error instanceof AppError)) return null;
  const status = error.getStatus();
  if (status < 400 || status >= 500 || status === 401 || status === 403) return null;
  const names = { ...(error instanceof FormError ? error.labels : {}), ...labels };
  const fields: Record<string, string> = {};
  if (error.errors && !Array.isArray(error.errors)) {
    for (const [field, code] of Object.entries(error.errors)) {
      fields[field] = fieldErrorMessage(code, field, names);
    }
  }
  const list = Object.values(fields);
  const message =
    error.code === 'VALIDATION.FAILED' && list.length > 0
      ? `请修改后重新提交：${list.join('；')}`
      : error.message;
  return { status, message, fields };
}

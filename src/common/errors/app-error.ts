import { HttpException } from '@nestjs/common';

export type FieldErrors = Record<string, string> | Array<Record<string, unknown>>;

/**
 * An error with a stable code (`AREA.REASON`) that clients can rely on. Services throw these; the
 * global filter turns them into `{ statusCode, code, message, errors? }` or an error page.
 */
export class AppError extends HttpException {
  constructor(
    status: number,
    public readonly code: string,
    message: string,
    public readonly errors?: FieldErrors,
  ) {
    super({ statusCode: status, code, message, ...(errors ? { errors } : {}) }, status);
  }
}

export const notFound = (code = 'COMMON.NOT_FOUND', message = '记录不存在或无权访问') =>
  new AppError(404, code, message);
export const forbidden = (code = 'AUTH.FORBIDDEN', message = '没有权限执行此操作') =>
  new AppError(403, code, message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const badRequest = (code: string, message: string, errors?: FieldErrors) =>
  new AppError(400, code, message, errors);

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DatabaseBusyError, isSqliteBusy } from '../errors/database-busy.error';
import { AppError } from '../errors/app-error';
import { fieldErrorMessage, fieldLabel } from '../forms/field-messages';
import { wantsJson } from '../http/request-kind';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: unknown;
}

const CODE_BY_STATUS: Record<number, [string, string]> = {
  400: ['REQUEST.BAD_REQUEST', '请求不正确'],
  401: ['AUTH.UNAUTHENTICATED', '请先登录'],
  403: ['AUTH.FORBIDDEN', '没有权限执行此操作'],
  404: ['COMMON.NOT_FOUND', '页面或记录不存在'],
  405: ['REQUEST.METHOD_NOT_ALLOWED', '不支持该请求方法'],
  409: ['COMMON.CONFLICT', '数据冲突'],
  413: ['REQUEST.TOO_LARGE', '请求内容过大'],
  415: ['REQUEST.UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型'],
  422: ['VALIDATION.FAILED', '提交的数据不符合要求'],
  429: ['AUTH.TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试'],
};

/** The one exception filter: JSON errors for the API, an error page (or a login redirect) for pages. */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const body = this.toBody(exception, req);
    if (res.headersSent) return;

    if (body.statusCode === 429 || body.code === 'DATABASE.BUSY') {
      res.setHeader('Retry-After', String(retryAfter(exception, body)));
    }
    if (wantsJson(req)) {
      res.status(body.statusCode).json(body);
      return;
    }
    if (body.statusCode === 401) {
      // A form posted after the session ended: sign in again, then back to the page the form was on.
      const next = req.method === 'GET' ? req.originalUrl : sameOriginReferrerPath(req);
      const note = body.code === 'AUTH.SESSION_IDLE' ? '&idle=1' : req.method === 'GET' ? '' : '&expired=1';
      res.redirect(303, `/login?next=${encodeURIComponent(next)}${note}`);
      return;
    }
    if (body.code === 'VALIDATION.FAILED' && req.method === 'POST' && req.path === '/login') {
      // An empty or malformed login form: back to the form with a sentence, not an error page.
      const next = (req.body as Record<string, unknown> | undefined)?.next;
      res.redirect(303, `/login?next=${encodeURIComponent(typeof next === 'string' ? next : '/')}&missing=1`);
      return;
    }
    if (body.code === 'AUTH.PASSWORD_CHANGE_REQUIRED') {
      res.redirect(303, '/account/password');
      return;
    }
    res
      .status(body.statusCode)
      .render('errors/error', { title: body.message, error: pageError(body), layout: 'layouts/main' });
  }

  private toBody(exception: unknown, req: Request): ErrorBody {
    // A read or a statement outside TransactionRunner that met SQLite's lock: the same 503.
    if (isSqliteBusy(exception)) return new DatabaseBusyError().getResponse() as ErrorBody;
    if (exception instanceof AppError) return exception.getResponse() as ErrorBody;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const [code, message] = CODE_BY_STATUS[status] ?? [`HTTP.${status}`, exception.message];
      return { statusCode: status, code, message };
    }
    const mw = exception as { status?: number };
    if (mw && typeof mw.status === 'number' && mw.status >= 400 && mw.status < 500) {
      const [code, message] = CODE_BY_STATUS[mw.status] ?? [`HTTP.${mw.status}`, '请求不正确'];
      return { statusCode: mw.status, code, message };
    }
    this.logger.error(
      { err: loggable(exception), method: req.method, url: req.originalUrl },
      exception instanceof Error ? exception.stack : String(exception),
    );
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL.ERROR',
      message: '服务器内部错误，请稍后重试',
    };
  }
}

/**
 * What the error log keeps of an exception. A failed query carries its parameters (an INSERT INTO
 * users holds the password hash), so only its message, SQL and driver code are logged.
 */
export function loggable(exception: unknown): unknown {
  if (!(exception instanceof QueryFailedError)) return exception;
  const driverCode = (exception.driverError as { code?: unknown } | undefined)?.code;
  return {
    type: 'QueryFailedError',
    message: exception.message,
    query: exception.query,
    driverCode,
    stack: exception.stack,
  };
}

/**
 * The path (and query) of the page a form was posted from, when the Referer is this site; '/'
 * otherwise. Only a relative path is ever returned, so the login redirect cannot leave the site.
 */
export function sameOriginReferrerPath(req: Request): string {
  const referer = req.get('referer');
  const host = req.get('host');
  if (!referer || !host) return '/';
  try {
    const url = new URL(referer);
    if (url.host !== host || !['http:', 'https:'].includes(url.protocol)) return '/';
    const path = `${url.pathname}${url.search}`;
    return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
  } catch {
    return '/';
  }
}

/** Pages show field errors in Chinese (the codes stay in the JSON body of the API). */
function pageError(body: ErrorBody): ErrorBody {
  if (!body.errors || Array.isArray(body.errors) || typeof body.errors !== 'object') return body;
  const errors = Object.fromEntries(
    Object.entries(body.errors as Record<string, string>).map(([field, code]) => [
      fieldLabel(field),
      fieldErrorMessage(code, field),
    ]),
  );
  return { ...body, errors };
}

function retryAfter(exception: unknown, body: ErrorBody): number {
  const seconds =
    (exception as { retryAfterSeconds?: number }).retryAfterSeconds ??
    (body as { retryAfterSeconds?: number }).retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : 60;
}

import express, { RequestHandler } from 'express';
import { AppError } from '../errors/app-error';
import { bodyShapeProblem } from './json-shape';

/** body-parser error types, answered with stable codes instead of Nest's generic 400/500. */
const PARSER_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'REQUEST.MALFORMED_BODY', '请求体格式不正确'],
  'entity.too.large': [413, 'REQUEST.TOO_LARGE', '请求内容过大'],
  'entity.verify.failed': [400, 'REQUEST.MALFORMED_BODY', '请求体格式不正确'],
  'encoding.unsupported': [415, 'REQUEST.UNSUPPORTED_ENCODING', '不支持的内容编码'],
  'charset.unsupported': [415, 'REQUEST.UNSUPPORTED_CHARSET', '不支持的字符集'],
  'parameters.too.many': [413, 'REQUEST.TOO_LARGE', '请求参数过多'],
  'request.aborted': [400, 'REQUEST.ABORTED', '请求被中断'],
  'request.size.invalid': [400, 'REQUEST.MALFORMED_BODY', '请求长度不正确'],
};

function withStableErrors(parser: RequestHandler): RequestHandler {
  return (req, res, next) =>
    parser(req, res, (err?: unknown) => {
      if (!err) return next();
      const type = (err as { type?: string }).type;
      const mapped = type ? PARSER_ERRORS[type] : undefined;
      next(mapped ? new AppError(mapped[0], mapped[1], mapped[2]) : err);
    });
}

const SHAPE_ERRORS = {
  too_deep: () => new AppError(400, 'REQUEST.TOO_DEEP', '请求体嵌套层级过深，请检查提交的数据'),
  too_many_fields: () => new AppError(413, 'REQUEST.TOO_MANY_FIELDS', '请求体中的字段或列表项过多，请分批提交'),
  forbidden_key: () => new AppError(400, 'REQUEST.FORBIDDEN_KEY', '请求体中含有不允许的字段名 __proto__'),
};

/** Refuses a parsed body nested too deep or too wide before the validation pipe walks it. */
export const rejectOversizedShapes: RequestHandler = (req, _res, next) => {
  const problem = req.body !== null && typeof req.body === 'object' ? bodyShapeProblem(req.body) : null;
  next(problem ? SHAPE_ERRORS[problem]() : undefined);
};

/**
 * JSON for the API, urlencoded for page forms, text for CSV uploads; all with the same size limit,
 * then the shape check (depth, keys, array length) on whatever was parsed.
 */
export function bodyParsers(limit: string): RequestHandler[] {
  return [
    ...[
      express.json({ limit }),
      express.urlencoded({ extended: false, limit, parameterLimit: 2000 }),
      // The bytes are kept too: a CSV upload without a charset may be GBK (see scoring/indicators/csv-text.ts).
      express.text({ type: ['text/csv', 'text/plain'], limit, verify: (req, _res, buf) => void ((req as { rawBody?: Buffer }).rawBody = buf) }),
    ].map(withStableErrors),
    rejectOversizedShapes,
  ];
}

import express, { RequestHandler } from 'express';
import type { AppError } from '../errors/app-error';
import { CommonErrors } from '../errors/common.errors';
import { bodyShapeProblem } from './json-shape';

/** body-parser error types, answered with stable codes instead of Nest's generic 400/500. */
const PARSER_ERRORS: Record<string, () => AppError> = {
  'entity.parse.failed': CommonErrors.requestMalformedBody,
  'entity.too.large': CommonErrors.requestTooLarge,
  'entity.verify.failed': CommonErrors.requestMalformedBody,
  'encoding.unsupported': CommonErrors.requestUnsupportedEncoding,
  'charset.unsupported': CommonErrors.requestUnsupportedCharset,
  'parameters.too.many': CommonErrors.requestTooManyParameters,
  'request.aborted': CommonErrors.requestAborted,
  'request.size.invalid': CommonErrors.requestSizeInvalid,
};

function withStableErrors(parser: RequestHandler): RequestHandler {
  return (req, res, next) =>
    parser(req, res, (err?: unknown) => {
      if (!err) return next();
      const type = (err as { type?: string }).type;
      const mapped = type ? PARSER_ERRORS[type] : undefined;
      next(mapped ? mapped() : err);
    });
}

const SHAPE_ERRORS = {
  too_deep: CommonErrors.requestTooDeep,
  too_many_fields: CommonErrors.requestTooManyFields,
  forbidden_key: CommonErrors.requestForbiddenKey,
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
      express.text({
        type: ['text/csv', 'text/plain'],
        limit,
        verify: (req, _res, buf) => void ((req as { rawBody?: Buffer }).rawBody = buf),
      }),
    ].map(withStableErrors),
    rejectOversizedShapes,
  ];
}

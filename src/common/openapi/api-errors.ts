import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/**
 * OpenAPI responses with their stable error codes, so every operation documents what a client must
 * handle. `test/openapi.e2e-spec.ts` fails for an operation without a summary or without a 4xx
 * entry that names its code(s).
 */
export const ApiErrors = (...responses: Array<[status: number, description: string]>) =>
  applyDecorators(...responses.map(([status, description]) => ApiResponse({ status, description })));

/** The guard's answers for any signed-in route. */
export const UNAUTHENTICATED: [number, string] = [
  401,
  'AUTH.UNAUTHENTICATED：未登录，或令牌已过期、已注销、用户已停用；AUTH.SESSION_IDLE：长时间未操作，会话已结束',
];
/** The guard's answer when @Roles does not include the caller's role. */
export const FORBIDDEN: [number, string] = [403, 'AUTH.FORBIDDEN：当前角色无权调用'];
/** The global ValidationPipe (query, params or body). */
export const INVALID: [number, string] = [400, 'VALIDATION.FAILED：参数不符合要求，errors 列出字段及原因'];
/** The body parsers, for operations that take a body. */
export const BAD_BODY: [number, string] = [
  400,
  'REQUEST.MALFORMED_BODY / VALIDATION.FAILED：请求体不是合法 JSON，或字段不符合要求（errors 列出字段）',
];
export const TOO_LARGE: [number, string] = [413, 'REQUEST.TOO_LARGE：请求体超过 BODY_LIMIT'];

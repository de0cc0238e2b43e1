import { AppError, badRequest, FieldErrors, notFound } from './app-error';

/** A form or request field is wrong: the one code every feature shares, with its own message. */
export const invalid = (message: string, errors?: FieldErrors) =>
  badRequest('VALIDATION.FAILED', message, errors);

/**
 * Codes shared by every feature (validation, authentication, requests) and codes thrown by more than one
 * feature. A code lives in exactly one catalogue (test: error-catalogues.spec.ts).
 */
export const CommonErrors = {
  userNotFound: () => notFound('USER.NOT_FOUND', '用户不存在'),
  authCsrfInvalid: () => new AppError(403, 'AUTH.CSRF_INVALID', '页面已过期，请刷新后重试'),
  authAccountDisabled: () =>
    new AppError(403, 'AUTH.ACCOUNT_DISABLED', '账号已停用，请联系本单位负责人或系统管理员'),
  authInvalidCredentials: () => new AppError(401, 'AUTH.INVALID_CREDENTIALS', '用户名或密码错误'),
  authSessionIdle: () => new AppError(401, 'AUTH.SESSION_IDLE', '长时间未操作，请重新登录'),
  authUnauthenticated: () => new AppError(401, 'AUTH.UNAUTHENTICATED', '请先登录'),
  authForbidden: () => new AppError(403, 'AUTH.FORBIDDEN', '没有权限执行此操作'),
  authPasswordChangeRequired: () => new AppError(403, 'AUTH.PASSWORD_CHANGE_REQUIRED', '请先修改初始密码'),
  lessonNotFound: () => notFound('LESSON.NOT_FOUND', '课节不存在'),
  noOfficerWithUsername: (username: string | number) =>
    notFound('USER.NOT_FOUND', `没有用户名为 ${username} 的学员，请检查用户名`),
  officerNotFoundOrHidden: () => notFound('USER.NOT_FOUND', '学员不存在或无权访问'),
  unitNotFoundOrHidden: () => notFound('UNIT.NOT_FOUND', '单位不存在或无权访问'),
  userNotFoundOrHidden: () => notFound('USER.NOT_FOUND', '用户不存在或无权访问'),
  unitNotFound: () => notFound('UNIT.NOT_FOUND', '单位不存在'),
  requestMalformedBody: () => new AppError(400, 'REQUEST.MALFORMED_BODY', '请求体格式不正确'),
  requestTooLarge: () => new AppError(413, 'REQUEST.TOO_LARGE', '请求内容过大'),
  requestTooManyParameters: () => new AppError(413, 'REQUEST.TOO_LARGE', '请求参数过多'),
  requestUnsupportedEncoding: () => new AppError(415, 'REQUEST.UNSUPPORTED_ENCODING', '不支持的内容编码'),
  requestUnsupportedCharset: () => new AppError(415, 'REQUEST.UNSUPPORTED_CHARSET', '不支持的字符集'),
  requestAborted: () => new AppError(400, 'REQUEST.ABORTED', '请求被中断'),
  requestSizeInvalid: () => new AppError(400, 'REQUEST.MALFORMED_BODY', '请求长度不正确'),
  requestTooDeep: () => new AppError(400, 'REQUEST.TOO_DEEP', '请求体嵌套层级过深，请检查提交的数据'),
  requestTooManyFields: () =>
    new AppError(413, 'REQUEST.TOO_MANY_FIELDS', '请求体中的字段或列表项过多，请分批提交'),
  requestForbiddenKey: () =>
    new AppError(400, 'REQUEST.FORBIDDEN_KEY', '请求体中含有不允许的字段名 __proto__'),
  requestInvalidCharacter: () => new AppError(400, 'REQUEST.INVALID_CHARACTER', '请求中含有不允许的控制字符'),
  requestUnsupportedMediaType: () =>
    new AppError(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', '请以 text/csv 格式提交 CSV 文件'),
} as const;

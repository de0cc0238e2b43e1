import { badRequest } from '../common/errors/app-error';
import { invalid } from '../common/errors/common.errors';

/** Every error code account/ throws, with the message people see. A code lives in exactly one catalogue. */
export const AccountErrors = {
  incomplete: (missing: Record<string, string>) => invalid('请填写完整', missing),
  passwordMismatch: () => invalid('两次输入的新密码不一致', { confirmPassword: 'password_mismatch' }),
  wrongPassword: () =>
    badRequest('ACCOUNT.WRONG_PASSWORD', '当前密码不正确，请重新输入', { currentPassword: 'wrong_password' }),
  newPasswordRejected: (problem: string) => invalid('新密码不符合要求', { newPassword: problem }),
  passwordUnchanged: () =>
    badRequest('ACCOUNT.PASSWORD_UNCHANGED', '新密码不能与当前密码相同', {
      newPassword: 'password_unchanged',
    }),
} as const;

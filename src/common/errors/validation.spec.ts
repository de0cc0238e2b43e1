import { IsInt, IsUUID, Max } from 'class-validator';
import { Type } from 'class-transformer';
import { AppError } from './app-error';
import { createValidationPipe } from './validation';

class Query {
  @IsUUID() unitId: string;
  @Type(() => Number) @IsInt() @Max(200) size: number;
}

async function failure(value: Record<string, unknown>): Promise<AppError> {
  try {
    await createValidationPipe().transform(value, { type: 'query', metatype: Query });
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a validation failure');
}

describe('validation pipe messages', () => {
  it('names each field and its fix in Chinese, with the limit, and keeps the codes per field', async () => {
    const error = await failure({ unitId: 'x', size: '9999', extra: 1 });
    expect(error.code).toBe('VALIDATION.FAILED');
    expect(error.message).toBe(
      '提交的数据不符合要求：extra 不是可提交的字段，请删去；unitId 应为编号（UUID 格式）；size 不能大于 200',
    );
    expect(error.errors).toEqual({ unitId: 'isUuid', size: 'max', extra: 'unknown_field' });
  });
});

import { QueryFailedError } from 'typeorm';
import { loggable } from './app-exception.filter';

describe(loggable.name, () => {
  it('should log a failed query without its parameters (an INSERT INTO users carries the password hash)', () => {
    const hash = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA';
    const error = new QueryFailedError(
      'INSERT INTO "users"("name", "passwordHash") VALUES ($1, $2)',
      ['张三', hash],
      {
        code: '22021',
        message: 'invalid byte sequence for encoding "UTF8": 0x00',
      } as unknown as Error,
    );
    const logged = JSON.stringify(loggable(error));
    expect(logged).not.toContain(hash);
    expect(logged).not.toContain('张三');
    expect(logged).toContain('INSERT INTO');
    expect(logged).toContain('22021');
  });

  it('should leave other errors as they are', () => {
    const error = new TypeError('x is undefined');
    expect(loggable(error)).toBe(error);
  });
});

import { AppConfig } from '../../config/app-config';
import { RowSealer } from './sealed-rows';

const sealerWith = (secret: string | undefined) =>
  new RowSealer({ get: () => secret } as unknown as AppConfig);

describe(RowSealer.name, () => {
  const rows = [{ username: 'zs', password: 'Xinfang-Train-1' }];

  it('should open in one process what another sealed with the same secret, and never hold the plaintext', () => {
    const secret = 'a-shared-import-seal-secret-of-40-chars-x';
    const sealed = sealerWith(secret).seal(rows);
    expect(JSON.stringify(sealed)).not.toContain('Xinfang-Train-1');
    expect(sealerWith(secret).unseal(sealed)).toEqual(rows);
  });

  it('should share the development default between processes without a secret', () => {
    expect(sealerWith(undefined).unseal(sealerWith(undefined).seal(rows))).toEqual(rows);
  });

  it('should refuse rows sealed under another secret or altered', () => {
    const sealed = sealerWith('a-shared-import-seal-secret-of-40-chars-x').seal(rows);
    expect(() => sealerWith('another-import-seal-secret-of-40-chars-yy').unseal(sealed)).toThrow();
    const altered = { ...sealed, data: Buffer.from('x'.repeat(40)).toString('base64') };
    expect(() => sealerWith('a-shared-import-seal-secret-of-40-chars-x').unseal(altered)).toThrow();
  });
});

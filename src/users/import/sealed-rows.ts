import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { SHIPPED_IMPORT_SEAL_SECRET } from '../../config/production-secrets';

export interface Sealed {
  iv: string;
  tag: string;
  data: string;
}

/**
 * The rows of a queued import carry plaintext passwords until the job hashes them. They travel
 * through Redis sealed with AES-256-GCM, so Redis (and its dumps) never hold a readable password;
 * the job is removed once it ends. The key is derived (HKDF) from IMPORT_SEAL_SECRET, which every app
 * instance and the worker share: whichever process takes the job can open what another one sealed.
 */
@Injectable()
export class RowSealer {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    const secret = config.get('IMPORT_SEAL_SECRET') ?? SHIPPED_IMPORT_SEAL_SECRET; // production refuses to start without one
    this.key = Buffer.from(hkdfSync('sha256', secret, 'petition-training', 'user-import-rows:v1', 32));
  }

  seal(value: unknown): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return {
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
  }

  /** Throws when the payload was sealed under another secret (or altered). */
  unseal<T>(sealed: Sealed): T {
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const text = Buffer.concat([
      decipher.update(Buffer.from(sealed.data, 'base64')),
      decipher.final(),
    ]).toString('utf8');
    return JSON.parse(text) as T;
  }
}

import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config';

export const DEVICE_COOKIE = 'pt_device';
/** How long a browser stays a known device after its last sign-in (the cookie is renewed at each one). */
export const DEVICE_COOKIE_DAYS = 180;

/** A browser that has signed in to this account before: `deviceId` gets its own failure budget. */
export interface KnownDevice {
  deviceId: string;
  userId: string;
}

/**
 * The `pt_device` cookie (docs/security.md, "Known devices"): `deviceId.userId.expires.mac`, the MAC an
 * HMAC-SHA256 with DEVICE_COOKIE_SECRET. It grants no access by itself; it only spares its holder the
 * account-wide wait that strangers' failures cause. Outside production a per-process random secret
 * is used when none is set (cookies then stop counting after a restart, which only costs the bypass).
 */
@Injectable()
export class DeviceCookieService {
  private readonly secret: string;

  constructor(private readonly config: AppConfig) {
    this.secret = config.get('DEVICE_COOKIE_SECRET') ?? randomBytes(32).toString('hex');
  }

  /** The device and user the cookie names, when it is genuine and unexpired (the caller compares the user). */
  verify(raw: unknown): KnownDevice | null {
    if (typeof raw !== 'string' || raw.length > 200) return null;
    const [deviceId, owner, expires, mac, ...rest] = raw.split('.');
    if (rest.length > 0 || !deviceId || !owner || !expires || !mac) return null;
    const expected = Buffer.from(this.mac(deviceId, owner, expires));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (!(Number(expires) * 1000 > Date.now())) return null;
    return { deviceId, userId: owner };
  }

  /** A cookie value for this user: the same device id when the browser already had one, else a new one. */
  issue(userId: string, known: KnownDevice | null): { value: string; expires: Date } {
    const deviceId = known?.deviceId ?? randomBytes(16).toString('base64url');
    const expires = new Date(Date.now() + DEVICE_COOKIE_DAYS * 86_400_000);
    const stamp = String(Math.floor(expires.getTime() / 1000));
    return { value: `${deviceId}.${userId}.${stamp}.${this.mac(deviceId, userId, stamp)}`, expires };
  }

  /** The cookie as this browser sent it (cookie-parser may hand over an object: verify() refuses it). */
  static sent(req: Request): unknown {
    return (req.cookies as Record<string, unknown> | undefined)?.[DEVICE_COOKIE];
  }

  /** HttpOnly, SameSite=Lax, Secure when configured or over TLS, like the session cookie. */
  set(req: Request, res: Response, device: { value: string; expires: Date }): void {
    const secure = this.config.get('COOKIE_SECURE') || req.secure;
    res.cookie(DEVICE_COOKIE, device.value, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      expires: device.expires,
    });
  }

  private mac(deviceId: string, userId: string, expires: string): string {
    return createHmac('sha256', this.secret)
      .update(`pt_device.v1|${deviceId}|${userId}|${expires}`)
      .digest('base64url');
  }
}

import type { AppConfig } from '../config/app-config';
import { DEVICE_COOKIE_DAYS, DeviceCookieService } from './device-cookie.service';

const configWith = (secret?: string) =>
  ({ get: (key: string) => (key === 'DEVICE_COOKIE_SECRET' ? secret : false) }) as unknown as AppConfig;
const USER = '6f1c2a34-0b5e-4d7a-9c3f-2e8b1a7d4c90';

describe(DeviceCookieService.name, () => {
  const devices = new DeviceCookieService(configWith('k'.repeat(40)));

  it('should accept its own cookie for the same user, keeping the device id when renewed', () => {
    const first = devices.issue(USER, null);
    const known = devices.verify(first.value);
    expect(known).toEqual({ deviceId: expect.any(String), userId: USER });
    expect(devices.verify(devices.issue(USER, known).value)?.deviceId).toBe(known?.deviceId);
  });

  it('should refuse a cookie made for another user or with another key, a changed part and an expired cookie', () => {
    const { value } = devices.issue(USER, null);
    expect(devices.verify(value.replace(USER, '00000000-0000-4000-8000-000000000000'))).toBeNull();
    expect(new DeviceCookieService(configWith('x'.repeat(40))).verify(value)).toBeNull();
    expect(devices.verify(value.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')))).toBeNull();
    expect(devices.verify(`${value}.x`)).toBeNull();
    expect(devices.verify({ deviceId: 'x' })).toBeNull();
    const later = Date.now() + (DEVICE_COOKIE_DAYS + 1) * 86_400_000;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    expect(devices.verify(value)).toBeNull();
    jest.restoreAllMocks();
  });
});

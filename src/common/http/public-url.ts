import type { AppConfig } from '../../config/app-config';

/**
 * An absolute link for people outside the app (printed certificates, QR codes, feeds): built from
 * PUBLIC_BASE_URL, never from the request's Host header, which a client controls.
 */
export function publicUrl(config: AppConfig, path: string): string {
  const base = (config.get('PUBLIC_BASE_URL') ?? `http://localhost:${config.get('PORT')}`).replace(
    /\/+$/,
    '',
  );
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}

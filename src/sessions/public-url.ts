import { AppConfig } from '../config/app-config';

/**
 * Absolute links that leave the app (calendar feed, the check-in URL in the QR code). Uses
 * PUBLIC_BASE_URL when the environment has it, else http://localhost:PORT; never the request's Host
 * header (it is client-controlled). The one place to point at a shared base-URL setting.
 */
export function publicUrl(config: AppConfig, path: string): string {
  const configured = (config as unknown as { get(k: string): unknown }).get('PUBLIC_BASE_URL') ?? process.env.PUBLIC_BASE_URL;
  const base = typeof configured === 'string' && configured.trim() !== '' ? configured.trim() : `http://localhost:${config.get('PORT')}`;
  return `${base.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

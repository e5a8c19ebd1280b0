import { currentLocale, i18n } from '../i18n/i18n.js';

/**
 * « 1,2 Mo », « 350 ko », « 12 octets » / "1.2 MB", "350 KB", "12 bytes": file sizes the way people read them, in
 * the reading language (1 Mo = 1 048 576 octets here).
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return i18n.t('common:fileSize.bytes', { count: bytes });
  if (bytes < 1024 * 1024) return i18n.t('common:fileSize.kilobytes', { size: Math.round(bytes / 1024) });
  return i18n.t('common:fileSize.megabytes', { size: (bytes / (1024 * 1024)).toLocaleString(currentLocale(), { maximumFractionDigits: 1 }) });
}

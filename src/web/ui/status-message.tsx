import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';

type Tone = 'success' | 'info' | 'warning';

/**
 * A message announced politely by screen readers (role=status): confirmations, information banners.
 * The icon is decorative; its meaning is said in words.
 */
export function StatusMessage({ tone = 'success', title, children }: { tone?: Tone; title?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation('common');
  return (
    <div className={`status status--${tone}`} role="status">
      <span className="status__icon" aria-hidden="true">
        {tone === 'success' ? '✓' : tone === 'warning' ? '!' : 'i'}
      </span>
      <div className="status__body">
        <span className="visually-hidden">{t(`statusMessage.${tone}`)} </span>
        {title && <p className="status__title">{title}</p>}
        {children}
      </div>
    </div>
  );
}

/** A short status in a table cell or list, always in words (the colour only repeats them). */
export function StatusTag({ tone, children }: { tone: 'success' | 'info' | 'warning' | 'danger' | 'neutral'; children: ReactNode }) {
  return <span className={`tag tag--${tone}`}>{children}</span>;
}

/**
 * Every page: a unique document title (« Erreur : » first when its form has errors) and one <h1> that receives
 * focus after an in-app navigation, so screen-reader users hear where they arrived.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { consumeFlash, useLocation } from './router.js';
import { useSession } from './session.js';

export function usePageTitle(title: string, hasErrors = false): void {
  const { t } = useTranslation('common');
  const { config } = useSession();
  const full = `${hasErrors ? `${t('errorPrefix')} ` : ''}${title} — ${t('portalName')} — ${config.city.name}`;
  useEffect(() => {
    document.title = full;
  }, [full]);
}

let focusedForNavigation = 0;

/** autoFocus: take focus on mount too (a page that changes in place, e.g. a form replaced by its confirmation). */
export function PageHeading({ children, autoFocus = false }: { children: ReactNode; autoFocus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  useEffect(() => {
    if (!ref.current) return;
    if (key > 0 && key !== focusedForNavigation) {
      focusedForNavigation = key;
      ref.current.focus();
    } else if (autoFocus) ref.current.focus();
  }, [key, autoFocus]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

/** The one-shot message handed over by the previous page (e.g. « Vos modifications ont été enregistrées. »). */
export function useFlash(): string | null {
  const { flash } = useLocation();
  useEffect(() => {
    if (flash) consumeFlash();
  }, [flash]);
  return flash;
}

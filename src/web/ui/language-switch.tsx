import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, type Language } from '../../shared/i18n/languages.js';
import { call } from '../api/client.js';
import { useSession } from '../app/session.js';
import { changeLanguage, currentLanguage } from '../i18n/i18n.js';

/**
 * « English » on a French page, « Français » on an English one (RGAA 8.7: the name carries its own `lang`). The
 * choice is kept on this browser (cookie) and, when signed in, on the account so that e-mails follow it.
 */
export function LanguageSwitch() {
  const { t } = useTranslation('common');
  const { account, setAccount } = useSession();
  const other: Language = currentLanguage() === 'fr' ? 'en' : 'fr';

  async function choose() {
    await changeLanguage(other);
    if (account) setAccount(await call('account.language', { body: { language: other } }).then((r) => r.account, () => account));
  }

  return (
    <div className="language-switch">
      <span className="visually-hidden">{t('language.switchLabel')} : </span>
      <button type="button" className="button button--secondary button--small" lang={other} onClick={() => void choose()}>
        {LANGUAGE_NAMES[other]}
      </button>
    </div>
  );
}

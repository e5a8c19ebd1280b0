import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session.js';

/**
 * What a page shows while its data loads, or when loading failed. Issue 17: the failure is written for parents and
 * the same in every module — what happened (the server's sentence), that nothing is lost, what to do (try again, then
 * the service's phone number from the city's settings), and a « Réessayer » button when the page can reload.
 */
export function LoadState({ loading, error, onRetry }: { loading: boolean; error: string | null; onRetry?: () => void }) {
  const { t } = useTranslation('common');
  const phone = useSession().config.city.phone;
  if (error)
    return (
      <div className="error-summary" role="alert">
        <h2 className="error-summary__title">{t('errorSummary.title')}</h2>
        <p>{error}</p>
        <p>
          {t('loadError.whatToDo')}
          {phone ? ` ${t('loadError.phone', { phone })}` : ''}.
        </p>
        {onRetry && (
          <button type="button" className="button button--secondary button--small" onClick={onRetry}>
            {t('loadError.retry')}
          </button>
        )}
      </div>
    );
  if (loading)
    return (
      <p className="loading" role="status">
        {t('loading')}
      </p>
    );
  return null;
}

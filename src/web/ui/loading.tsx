import { useTranslation } from 'react-i18next';

/** What a page shows while its data loads, or when loading failed. */
export function LoadState({ loading, error }: { loading: boolean; error: string | null }) {
  const { t } = useTranslation('common');
  if (error)
    return (
      <div className="error-summary" role="alert">
        <h2 className="error-summary__title">{t('errorSummary.title')}</h2>
        <p>{error}</p>
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

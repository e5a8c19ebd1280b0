import { useTranslation } from 'react-i18next';

/**
 * The progress of an upload: a native <progress> named by its label, with the percentage in words next to it (the
 * bar alone says nothing to someone who cannot see it, and screen readers read the value of a <progress>).
 */
export function UploadProgress({ label, loaded, total }: { label: string; loaded: number; total: number }) {
  const { t } = useTranslation('common');
  const percent = total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
  return (
    <div className="upload-progress">
      <label className="upload-progress__label" htmlFor="upload-progress">
        {label}
      </label>
      <div className="upload-progress__row">
        <progress id="upload-progress" className="upload-progress__bar" max={100} value={percent}>
          {t('uploadProgress.percent', { percent })}
        </progress>
        <span className="upload-progress__value" aria-hidden="true">
          {t('uploadProgress.percent', { percent })}
        </span>
      </div>
    </div>
  );
}

/**
 * A step indicator (issue 17, in place of the ❶ ❷ ❸ markers copied from the guide's screenshots): an ordered list of
 * the steps, the current one marked `aria-current="step"` and said in words (« Étape 2 sur 4 »), the done ones ticked.
 */
import { useTranslation } from 'react-i18next';

export function Steps({ steps, current, label }: { steps: string[]; current: number; label: string }) {
  const { t } = useTranslation('common');
  return (
    <nav className="steps" aria-label={label}>
      <p className="steps__status">{t('steps.status', { n: current + 1, total: steps.length, step: steps[current] })}</p>
      <ol className="steps__list">
        {steps.map((s, i) => (
          <li
            key={s}
            className={['steps__item', i < current ? 'steps__item--done' : '', i === current ? 'steps__item--current' : ''].filter(Boolean).join(' ')}
            aria-current={i === current ? 'step' : undefined}
          >
            <span className="steps__number" aria-hidden="true">
              {i < current ? '✓' : i + 1}
            </span>
            <span className="steps__label">
              {s}
              {i < current && <span className="visually-hidden"> {t('steps.done')}</span>}
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

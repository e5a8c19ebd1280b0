/**
 * « Sélection automatique des jours » (guide §5.1): tick the weekdays, apply them to the whole period or to the
 * week shown, « Valider ».
 */
import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Button, ButtonGroup } from '../ui/button.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Checkbox } from '../ui/field.js';
import { Fieldset, Radios } from '../ui/fieldset.js';
import { useForm } from '../ui/use-form.js';

export type AutoScope = 'period' | 'week';

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

interface Props {
  unit: { unitId: string; label: string } | null;
  weekdays: number[];
  onClose: () => void;
  onApply: (weekdays: Set<number>, scope: AutoScope) => void;
}

export function AutoSelectDialog({ unit, weekdays, onClose, onApply }: Props) {
  const { t } = useTranslation('family');
  return (
    <Dialog title={t('planning.auto.title')} isOpen={unit !== null} onOpenChange={(open) => !open && onClose()}>
      {unit && <AutoSelectForm key={unit.unitId} unitLabel={unit.label} weekdays={weekdays} onCancel={onClose} onApply={onApply} />}
    </Dialog>
  );
}

function AutoSelectForm({ unitLabel, weekdays, onCancel, onApply }: { unitLabel: string; weekdays: number[]; onCancel: () => void; onApply: Props['onApply'] }) {
  const { t } = useTranslation(['family', 'labels']);
  const [checked, setChecked] = useState<Set<number>>(new Set());
  const [scope, setScope] = useState<AutoScope>('period');
  const form = useForm();

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (checked.size === 0) form.fail([{ path: `auto.day${weekdays[0]}`, message: t('planning.auto.required') }]);
    else onApply(checked, scope);
  }

  const error = form.errors[0]?.message ?? null;
  return (
    <form noValidate onSubmit={onSubmit}>
      <p>
        <Trans t={t} i18nKey="planning.auto.intro" values={{ unit: unitLabel }} components={{ strong: <strong /> }} />
      </p>
      <ErrorSummary {...form.summary} />
      <Fieldset legend={t('planning.auto.days')} kind="question">
        {error && (
          <p className="field__error">
            <span className="visually-hidden">{t('planning.auto.error')}</span>
            {error}
          </p>
        )}
        <div className="choices choices--inline">
          {weekdays.map((d) => (
            <Checkbox
              key={d}
              name={`auto.day${d}`}
              label={t(`labels:weekday.${WEEKDAYS[(d - 1) % 7]}`)}
              checked={checked.has(d)}
              onCheckedChange={(on) =>
                setChecked((s) => {
                  const n = new Set(s);
                  if (on) n.add(d);
                  else n.delete(d);
                  return n;
                })
              }
            />
          ))}
        </div>
      </Fieldset>
      <Radios
        name="auto.scope"
        legend={t('planning.auto.scope')}
        options={[
          { value: 'period', label: t('planning.auto.scopePeriod') },
          { value: 'week', label: t('planning.auto.scopeWeek') },
        ]}
        value={scope}
        onValueChange={setScope}
      />
      <ButtonGroup>
        <Button type="submit">{t('planning.auto.submit')}</Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('planning.auto.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

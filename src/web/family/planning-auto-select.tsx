/**
 * « Sélection automatique des jours » (guide §5.1): tick the weekdays, apply them to the whole period or to the
 * week shown, « Valider ».
 */
import { useState, type FormEvent } from 'react';
import { WEEKDAY_LABELS } from '../i18n/fr.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Checkbox } from '../ui/field.js';
import { Fieldset, Radios } from '../ui/fieldset.js';
import { useForm } from '../ui/use-form.js';

export type AutoScope = 'period' | 'week';

const SCOPES = [
  { value: 'period', label: 'Sur toute la période' },
  { value: 'week', label: 'Uniquement sur la semaine affichée' },
] as const;

interface Props {
  unit: { unitId: string; label: string } | null;
  weekdays: number[];
  onClose: () => void;
  onApply: (weekdays: Set<number>, scope: AutoScope) => void;
}

export function AutoSelectDialog({ unit, weekdays, onClose, onApply }: Props) {
  return (
    <Dialog title="Sélection automatique des jours" isOpen={unit !== null} onOpenChange={(open) => !open && onClose()}>
      {unit && <AutoSelectForm key={unit.unitId} unitLabel={unit.label} weekdays={weekdays} onCancel={onClose} onApply={onApply} />}
    </Dialog>
  );
}

function AutoSelectForm({ unitLabel, weekdays, onCancel, onApply }: { unitLabel: string; weekdays: number[]; onCancel: () => void; onApply: Props['onApply'] }) {
  const [checked, setChecked] = useState<Set<number>>(new Set());
  const [scope, setScope] = useState<AutoScope>('period');
  const form = useForm();

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (checked.size === 0) form.fail([{ path: `auto.day${weekdays[0]}`, message: 'Cochez au moins un jour de la semaine.' }]);
    else onApply(checked, scope);
  }

  const error = form.errors[0]?.message ?? null;
  return (
    <form noValidate onSubmit={onSubmit}>
      <p>
        Colonne <strong>{unitLabel}</strong> : les jours cochés seront sélectionnés quand ils peuvent être réservés.
      </p>
      <ErrorSummary {...form.summary} />
      <Fieldset legend="Jours souhaités" kind="question">
        {error && (
          <p className="field__error">
            <span className="visually-hidden">Erreur : </span>
            {error}
          </p>
        )}
        <div className="choices choices--inline">
          {weekdays.map((d) => (
            <Checkbox
              key={d}
              name={`auto.day${d}`}
              label={WEEKDAY_LABELS[d - 1]}
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
      <Radios name="auto.scope" legend="Appliquer votre choix" options={SCOPES} value={scope} onValueChange={setScope} />
      <ButtonGroup>
        <Button type="submit">Valider</Button>
        <Button variant="secondary" onClick={onCancel}>
          Annuler
        </Button>
      </ButtonGroup>
    </form>
  );
}

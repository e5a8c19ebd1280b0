import type { FamilyRecord } from '../../shared/contracts.js';
import { formatPhone } from '../../shared/phone.js';
import { BENEFITS_REGIME_LABELS, CIVILITY_LABELS, FAMILY_SITUATION_LABELS } from '../i18n/fr.js';
import { formatDay } from '../i18n/format.js';
import { SummaryList } from '../ui/summary-list.js';

type Guardian = NonNullable<FamilyRecord['guardian2']>;

function guardianRows(g: Guardian): [string, string | null][] {
  return [
    ['Civilité', g.civility ? CIVILITY_LABELS[g.civility] : null],
    ['Nom', g.lastName],
    ['Prénom', g.firstName],
    ['Date de naissance', formatDay(g.birthDate)],
    ['Téléphone portable', g.mobilePhone ? formatPhone(g.mobilePhone) : null],
    ['Téléphone domicile', g.homePhone ? formatPhone(g.homePhone) : null],
    ['Adresse e-mail', g.email],
    ['Profession', g.profession],
    ['Employeur', g.employer],
    ['Téléphone professionnel', g.workPhone ? formatPhone(g.workPhone) : null],
  ];
}

/** The family record as definition lists, one block per part of the form (guide §4.3). */
export function FamilyRecordView({ family, headingLevel = 2 }: { family: FamilyRecord; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      <H>Responsable légal 1</H>
      <SummaryList rows={guardianRows(family.guardian1)} />
      <H>Responsable légal 2</H>
      {family.guardian2 ? <SummaryList rows={guardianRows(family.guardian2)} /> : <p className="empty">Aucun second responsable renseigné.</p>}
      <H>Adresse</H>
      <SummaryList
        rows={[
          ['Adresse', family.addressLine1],
          ['Complément d’adresse', family.addressLine2],
          ['Code postal', family.postalCode],
          ['Commune', family.city],
        ]}
      />
      <H>Situation</H>
      <SummaryList
        rows={[
          ['Situation familiale', family.familySituation ? FAMILY_SITUATION_LABELS[family.familySituation] : null],
          ['Régime', family.benefitsRegime ? BENEFITS_REGIME_LABELS[family.benefitsRegime] : 'Aucun'],
          ['Numéro d’allocataire', family.benefitsNumber],
          ['Quotient familial', family.familyQuotient === null ? null : String(family.familyQuotient)],
          ['Payeur', family.payerRank === 2 ? 'Responsable légal 2' : 'Responsable légal 1'],
        ]}
      />
    </>
  );
}

import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FamilyRecord } from '../../shared/contracts.js';
import { formatPhone } from '../../shared/phone.js';
import { formatDay } from '../i18n/format.js';
import { SummaryList } from '../ui/summary-list.js';

type Guardian = NonNullable<FamilyRecord['guardian2']>;

function guardianRows(t: TFunction<['common', 'labels']>, g: Guardian): [string, string | null][] {
  return [
    [t('familyView.civility'), g.civility ? t(`labels:civility.${g.civility}`) : null],
    [t('familyView.lastName'), g.lastName],
    [t('familyView.firstName'), g.firstName],
    [t('familyView.birthDate'), formatDay(g.birthDate)],
    [t('familyView.mobilePhone'), g.mobilePhone ? formatPhone(g.mobilePhone) : null],
    [t('familyView.homePhone'), g.homePhone ? formatPhone(g.homePhone) : null],
    [t('familyView.email'), g.email],
    [t('familyView.profession'), g.profession],
    [t('familyView.employer'), g.employer],
    [t('familyView.workPhone'), g.workPhone ? formatPhone(g.workPhone) : null],
  ];
}

/** The family record as definition lists, one block per part of the form (guide §4.3). */
export function FamilyRecordView({ family, headingLevel = 2 }: { family: FamilyRecord; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation(['common', 'labels']);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      <H>{t('familyView.guardian1')}</H>
      <SummaryList rows={guardianRows(t, family.guardian1)} />
      <H>{t('familyView.guardian2')}</H>
      {family.guardian2 ? <SummaryList rows={guardianRows(t, family.guardian2)} /> : <p className="empty">{t('familyView.noGuardian2')}</p>}
      <H>{t('familyView.address')}</H>
      <SummaryList
        rows={[
          [t('familyView.addressLine1'), family.addressLine1],
          [t('familyView.addressLine2'), family.addressLine2],
          [t('familyView.postalCode'), family.postalCode],
          [t('familyView.city'), family.city],
        ]}
      />
      <H>{t('familyView.situation')}</H>
      <SummaryList
        rows={[
          [t('familyView.familySituation'), family.familySituation ? t(`labels:familySituation.${family.familySituation}`) : null],
          [t('familyView.regime'), family.benefitsRegime ? t(`labels:benefitsRegime.${family.benefitsRegime}`) : t('familyView.noRegime')],
          [t('familyView.benefitsNumber'), family.benefitsNumber],
          [t('familyView.quotient'), family.familyQuotient === null ? null : String(family.familyQuotient)],
          [t('familyView.payer'), family.payerRank === 2 ? t('familyView.guardian2') : t('familyView.guardian1')],
        ]}
      />
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { AXE_SUMMARY, STATEMENT_STATE } from '../../../shared/accessibility/statement.js';
import { EXEMPT_CONTENT, KNOWN_GAPS } from '../../../shared/accessibility/known-gaps.js';
import { longDay } from '../../../shared/i18n/dates.js';
import { parisDateOf } from '../../../shared/calendar/paris-time.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { Table } from '../../ui/table.js';
import { PageHeading, usePageTitle } from '../page.js';
import { useSession } from '../session.js';

const KNOWN_AREAS = new Set(['accessibility', 'quotient', 'foundation', 'children', 'bookings', 'billing', 'money', 'documents', 'campaigns', 'households', 'members', 'messages', 'franceconnect', 'security', 'experience', 'english']);

/**
 * « Déclaration d'accessibilité » (RGAA model statement, issue 15): the compliance state computed from the project's
 * own axe runs (src/shared/accessibility/axe-summary.json, written by `npm run a11y:statement`) and the known gaps
 * (known-gaps.ts), the test environment, the city's contact and the remedies (Défenseur des droits).
 */
export function AccessibilityPage() {
  const { config } = useSession();
  const { t } = useTranslation('accessibility');
  const city = config.city;
  const lang = currentLanguage();
  const s = AXE_SUMMARY;
  const date = s.generatedAt ? longDay(parisDateOf(new Date(s.generatedAt)), lang).replace(/^\S+\s/, '') : null;
  const gaps: { id: string; criteria: readonly string[] }[] = [...KNOWN_GAPS, ...(s.violations > 0 ? [{ id: 'violations', criteria: [] }] : [])];
  const url = typeof location === 'undefined' ? '' : location.origin;
  const subject = encodeURIComponent(t('contact.subject'));
  usePageTitle(t('title'));
  return (
    <div className="prose">
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('commitment', { city: city.name })}</p>
      <p>{t('scope', { city: city.name, url })}</p>

      <h2>{t('state.heading')}</h2>
      <p>
        <strong>{t(`state.${STATEMENT_STATE}`, { city: city.name })}</strong>
      </p>

      <h3>{t('results.heading')}</h3>
      {s.statesChecked > 0 && date ? (
        <>
          <p>{t('results.summary', { count: s.statesChecked, date, version: s.axeVersion ?? '', violations: s.violations })}</p>
          <Table caption={t('results.caption')} head={[t('results.area'), t('results.states'), t('results.violations')]}>
            {s.areas.map((a) => (
              <tr key={a.area}>
                <td>{KNOWN_AREAS.has(a.area) ? t(`areas.${a.area as 'quotient'}`) : `${t('areas.other')} (${a.area})`}</td>
                <td>{a.states}</td>
                <td>{a.violations}</td>
              </tr>
            ))}
          </Table>
        </>
      ) : (
        <p>{t('results.none')}</p>
      )}
      <p>{t('results.caveat')}</p>

      <h2>{t('gaps.heading')}</h2>
      <h3>{t('gaps.nonCompliant')}</h3>
      <p>{t('gaps.intro')}</p>
      <ul>
        {gaps.map((g) => (
          <li key={g.id}>
            {t(`gaps.items.${g.id as 'pdf'}`)}
            {g.criteria.length > 0 && ` (${t('gaps.criterion', { list: g.criteria.join(', ') })})`}
          </li>
        ))}
      </ul>
      <h3>{t('gaps.burdenHeading')}</h3>
      <p>{t('gaps.burdenNone')}</p>
      <h3>{t('gaps.exemptHeading')}</h3>
      <ul>
        {EXEMPT_CONTENT.map((e) => (
          <li key={e}>{t(`gaps.exempt.${e}`)}</li>
        ))}
      </ul>

      <h2>{t('method.heading')}</h2>
      {date && <p>{t('method.date', { date })}</p>}
      <h3>{t('method.techHeading')}</h3>
      <p>{t('method.tech')}</p>
      <h3>{t('method.envHeading')}</h3>
      <p>{s.browser && s.axeVersion ? t('method.env', { browser: s.browser, version: s.axeVersion }) : t('method.envUnknown')}</p>
      <h3>{t('method.toolsHeading')}</h3>
      <p>{t('method.tools')}</p>
      {s.areas.length > 0 && (
        <>
          <h3>{t('method.pagesHeading')}</h3>
          <ul>
            {s.areas.map((a) => (
              <li key={a.area}>{KNOWN_AREAS.has(a.area) ? t(`areas.${a.area as 'quotient'}`) : `${t('areas.other')} (${a.area})`}</li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('contact.heading')}</h2>
      <p>{t('contact.text')}</p>
      <ul>
        <li>
          {t('contact.email')} <a href={`mailto:${city.email}?subject=${subject}`}>{city.email}</a>
        </li>
        <li>
          {t('contact.phone')} <a href={`tel:${city.phone.replace(/\s/g, '')}`}>{city.phone}</a>
        </li>
        <li>
          {t('contact.post')} {city.address}
        </li>
      </ul>
      <p>
        <a className="button button--secondary" href={`mailto:${city.email}?subject=${subject}`}>
          {t('contact.write')}
        </a>
      </p>

      <h2>{t('remedy.heading')}</h2>
      <p>{t('remedy.when')}</p>
      <p>{t('remedy.how')}</p>
      <ul>
        <li>{t('remedy.ways.form')}</li>
        <li>{t('remedy.ways.delegate')}</li>
        <li>{t('remedy.ways.post')}</li>
      </ul>
    </div>
  );
}

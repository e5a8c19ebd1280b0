import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TFunction } from 'i18next';
import { changeLanguage, i18n, startI18n } from '../i18n/i18n.js';
import { historyLabel, historyValue } from './child-history-words.js';

const t = () => i18n.getFixedT(null, ['staff', 'labels', 'common']) as unknown as TFunction<['staff', 'labels', 'common']>;

describe('a child record history said in the page’s language', () => {
  beforeAll(async () => {
    vi.stubGlobal('document', { cookie: '', documentElement: { lang: '' } });
    vi.stubGlobal('location', { protocol: 'http:' });
    await startI18n('fr');
    await i18n.loadNamespaces(['staff', 'labels', 'common']);
  });
  afterAll(() => vi.unstubAllGlobals());

  it('says the stored French again in French', async () => {
    await changeLanguage('fr');
    expect(historyLabel(t(), 'health.doctor.name', 'Médecin traitant')).toBe('Médecin traitant');
    expect(historyLabel(t(), 'health.diseases.12', 'Maladie : Varicelle')).toBe('Maladie : Varicelle');
    expect(historyValue(t(), 'health.carePlan', 'Oui')).toBe('Oui');
  });

  it('says the information and the server’s words in English, the typed words as written', async () => {
    await changeLanguage('en');
    await i18n.loadNamespaces(['staff', 'labels', 'common']);
    expect(historyLabel(t(), 'firstName', 'Prénom')).toBe('First name');
    expect(historyLabel(t(), 'health.diseases.12', 'Maladie : Varicelle')).toBe('Disease: Varicelle');
    expect(historyLabel(t(), 'authorizations.3', 'Autorisation : Droit à l’image')).toBe('Authorisation: Droit à l’image');
    expect(historyLabel(t(), 'contacts.7', 'Personne à contacter en cas d’urgence')).toBe('Emergency contact');
    expect(historyLabel(t(), 'something.new', 'Nouvelle information')).toBe('Nouvelle information');
    expect(historyValue(t(), 'health.carePlan', 'Non')).toBe('No');
    expect(historyValue(t(), 'health.allergies.2', 'Oui — arachide')).toBe('Yes — arachide');
    expect(historyValue(t(), 'sex', 'Fille')).toBe('Girl');
    expect(historyValue(t(), 'pickups.4', 'DUPONT Jean (oncle) — parmi les personnes à contacter')).toBe('DUPONT Jean (oncle) — among the emergency contacts');
    expect(historyValue(t(), 'lastName', 'Oui-Martin')).toBe('Oui-Martin');
    expect(historyValue(t(), 'school', null)).toBeNull();
  });
});

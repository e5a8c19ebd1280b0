import { describe, expect, it } from 'vitest';
import { checkPassword } from '../../../shared/password-policy.js';
import { generateDemoPassword } from '../../config.js';
import { DEMO_LOGINS } from '../../demo/seed.js';
import { TEST_PASSWORD } from '../../../../tests/support/factories.js';
import { checkNewPassword, MIN_SCORE, passwordScore, userInputsOf, warmUpPasswordEstimator } from './password-strength.js';

describe('the server’s password rule: the shared policy and zxcvbn-ts (score ≥ 3)', () => {
  it('refuses what the shared policy let through but is easy to guess', async () => {
    for (const pw of ['Qsdfghjklm12' /* azerty row */, 'Jean-Pierre1975' /* first name and year */, '123456789Abc' /* sequence */, 'un deux trois quatre' /* counting */]) {
      expect(checkPassword(pw), pw).toBeNull();
      expect(await passwordScore(pw), pw).toBeLessThan(MIN_SCORE);
      expect(await checkNewPassword(pw), pw).toBe('password.common');
    }
  });

  it('keeps the shared policy’s answers first', async () => {
    expect(await checkNewPassword('Beffroi-202')).toBe('password.too_short');
    expect(await checkNewPassword('lysriverbeffroi2026')).toBe('password.too_weak');
    expect(await checkNewPassword('Azerty123!')).toBe('password.common');
    expect(await checkNewPassword('Motdepasse-1234')).toBe('password.common'); // the short list stays: zxcvbn gives it 3
    expect(await checkNewPassword(`Aa1!${'x'.repeat(253)}`)).toBe('password.too_long');
    expect(await checkNewPassword('Marguerite.Duras-1914', { email: 'marguerite.duras@exemple.fr' })).toBe('password.common');
  });

  it('accepts strong passwords and passphrases', async () => {
    for (const pw of ['Lysriver2026', 'Beffroi-2027', 'Éléphantrosé9', 'cheval agrafe pile correcte', 'lundi-marché-vélo-soleil', 'Un-Autre-Verger-2026!'])
      expect(await checkNewPassword(pw), pw).toBeNull();
  });

  it('gives the e-mail and the names to the estimator as words a guesser tries first', async () => {
    const person = { email: 'lea.roy75@orange.fr', names: ['Léa', 'Roy', 'Anaïs Dupont-Roy'] };
    expect(userInputsOf(person)).toEqual(
      expect.arrayContaining(['lea.roy75@orange.fr', 'lea.roy75', 'lea', 'roy', '75', 'orange', 'léa', 'anaïs', 'dupont', 'anais dupont-roy']),
    );
    for (const pw of ['Lea75Roy!!!!', 'Roylea75!!!!', 'Leaanais75!!']) expect(await passwordScore(pw, person), pw).toBeLessThan(await passwordScore(pw));
    // names of 3 letters are below the shared policy's threshold, not below the estimator's
    const shortNames = { names: ['Léa', 'Roy'] };
    expect(checkPassword('Roy.Lea.2019', shortNames)).toBeNull();
    expect(await passwordScore('Roy.Lea.2019', shortNames)).toBeLessThan(await passwordScore('Roy.Lea.2019'));
    // the e-mail's local part cut into words and numbers
    expect(await passwordScore('Lea.roy75!!!', person)).toBeLessThan(MIN_SCORE);
  });

  it('the demo and test passwords pass the rule', async () => {
    const demo = [
      { email: DEMO_LOGINS.family, names: ['Claire', 'Martin'] },
      { email: DEMO_LOGINS.pendingFamily },
      { email: DEMO_LOGINS.admin },
      { email: DEMO_LOGINS.agent },
    ];
    for (let i = 0; i < 25; i++) {
      const pw = generateDemoPassword();
      for (const person of demo) expect(await checkNewPassword(pw, person), pw).toBeNull();
    }
    expect(await checkNewPassword(TEST_PASSWORD)).toBeNull();
  });

  it('one check is quick once the dictionaries are loaded', async () => {
    await warmUpPasswordEstimator();
    const started = performance.now();
    for (let i = 0; i < 20; i++) await passwordScore(`Beffroi-${i}-Lysriver`, { email: 'claire.martin@exemple.fr', names: ['Claire', 'Martin'] });
    expect((performance.now() - started) / 20).toBeLessThan(100); // ≈ 8 ms measured; loose for a busy machine
    const long = performance.now();
    await passwordScore(`Aa1!${'xyz9Q'.repeat(50)}`);
    expect(performance.now() - long).toBeLessThan(1000); // ≈ 60 ms: scored on its first 100 characters
  });
});

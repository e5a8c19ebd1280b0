import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../api/client.js';
import { Button } from '../../ui/button.js';
import { ButtonLink } from '../../ui/button.js';
import { ErrorSummary } from '../../ui/error-summary.js';
import { Field } from '../../ui/field.js';
import { PasswordField } from '../../ui/password-field.js';
import { StatusMessage } from '../../ui/status-message.js';
import { useForm } from '../../ui/use-form.js';
import { PageHeading, useFlash, usePageTitle } from '../page.js';
import { Link, navigate } from '../router.js';
import { homeOf, useSession } from '../session.js';
import { FranceConnectButton, FranceConnectNotice, useFranceConnectReturn } from '../franceconnect.js';
import type { AccountView } from '../../../shared/contracts.js';
import type { MfaMethod } from '../../../shared/security-contracts.js';
import { PasskeySignIn, SecondStep } from './second-step.js';

/** « Portail Familles » — the login block and the way to create an account (guide §1–2). */
export function HomePage() {
  const { config, setAccount } = useSession();
  const form = useForm({ email: '', password: '' });
  const flash = useFlash();
  const fcReturn = useFranceConnectReturn();
  const { t } = useTranslation('auth');
  usePageTitle(t('home.title'), form.errors.length > 0);
  // issue 11: a staff account with a second factor is asked for it after the password
  const [secondStep, setSecondStep] = useState<MfaMethod[] | null>(null);

  function signedIn(account: AccountView) {
    setAccount(account);
    navigate(account.enrolmentRequired ? '/agent/securite' : homeOf(account));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => {
        try {
          const answer = await call('auth.login', {
            body: { email: form.values.email, password: form.values.password },
          });
          if ('secondStep' in answer) {
            form.set('password', '');
            setSecondStep(answer.secondStep);
            return;
          }
          signedIn(answer.account);
        } catch (err) {
          if (err instanceof ApiError && err.retryAfterSeconds && err.fields.length === 0)
            throw new ApiError(err.status, err.code, `${err.message} ${t('home.login.retryIn', { count: Math.max(1, Math.ceil(err.retryAfterSeconds / 60)) })}`);
          form.set('password', '');
          throw err;
        }
      },
      { required: ['email', 'password'] },
    );
  }

  return (
    <>
      <PageHeading>{t('home.heading')}</PageHeading>
      <p className="lead">{t('home.lead', { city: config.city.name })}</p>
      {config.demo && (
        <StatusMessage tone="info" title={t('home.demo.title')}>
          <p>{t('home.demo.text')}</p>
        </StatusMessage>
      )}
      {flash && <StatusMessage tone="info">{flash}</StatusMessage>}
      <FranceConnectNotice code={fcReturn} />
      <div className="home-grid">
        <section className="card" aria-labelledby="connexion-titre">
          <h2 id="connexion-titre">{t('home.login.heading')}</h2>
          <FranceConnectButton place="home" />
          {secondStep ? (
            <SecondStep methods={secondStep} onSignedIn={signedIn} onRestart={() => setSecondStep(null)} />
          ) : (
          <>
          <ErrorSummary {...form.summary} />
          <form noValidate onSubmit={onSubmit}>
            <Field
              {...form.field('email')}
              label={t('home.login.email')}
              type="email"
              autoComplete="email"
              spellCheck={false}
              autoCapitalize="none"
            />
            <PasswordField
              {...form.field('password')}
              label={t('home.login.password')}
              autoComplete="current-password"
            />
            <Button type="submit" busy={form.busy}>
              {t('shared.signIn')}
            </Button>
          </form>
          <p>
            <Link to="/identifiant-oublie">{t('home.login.forgot')}</Link>
          </p>
          </>
          )}
        </section>
        {!secondStep && <PasskeySignIn onSignedIn={signedIn} />}
        <section className="card" aria-labelledby="creation-titre">
          <h2 id="creation-titre">{t('home.register.heading')}</h2>
          <p>{t('home.register.intro')}</p>
          <p>{t('home.register.validation')}</p>
          <ButtonLink to="/creer-mon-compte">{t('home.register.button')}</ButtonLink>
        </section>
      </div>
    </>
  );
}

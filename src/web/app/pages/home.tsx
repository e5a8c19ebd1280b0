import type { FormEvent } from 'react';
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

/** « Portail Familles » — the login block and the way to create an account (guide §1–2). */
export function HomePage() {
  const { config, setAccount } = useSession();
  const form = useForm({ email: '', password: '' });
  const flash = useFlash();
  const { t } = useTranslation('auth');
  usePageTitle(t('home.title'), form.errors.length > 0);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => {
        try {
          const { account } = await call('auth.login', {
            body: { email: form.values.email, password: form.values.password },
          });
          setAccount(account);
          navigate(homeOf(account));
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
      <div className="home-grid">
        <section className="card" aria-labelledby="connexion-titre">
          <h2 id="connexion-titre">{t('home.login.heading')}</h2>
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
        </section>
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

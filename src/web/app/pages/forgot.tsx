import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { call } from '../../api/client.js';
import { Button } from '../../ui/button.js';
import { ErrorSummary } from '../../ui/error-summary.js';
import { Field } from '../../ui/field.js';
import { StatusMessage } from '../../ui/status-message.js';
import { useForm } from '../../ui/use-form.js';
import { PageHeading, usePageTitle } from '../page.js';
import { Link } from '../router.js';

/** « Identifiant ou mot de passe oublié » (guide §3). The answer never tells whether the address has an account. */
export function ForgotPage() {
  const form = useForm({ email: '' });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { t } = useTranslation('auth');
  usePageTitle(t('forgot.title'), form.errors.length > 0);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void form.submit(
      async () => {
        await call('auth.passwordResetRequest', { body: { email: form.values.email } });
        setSentTo(form.values.email.trim());
      },
      { required: ['email'] },
    );
  }

  return (
    <>
      <PageHeading>{t('forgot.title')}</PageHeading>
      {sentTo ? (
        <>
          <StatusMessage title={t('forgot.sent.title')}>
            <p>
              <Trans t={t} i18nKey="forgot.sent.text" values={{ email: sentTo }} components={{ strong: <strong /> }} />
            </p>
            <p>{t('forgot.sent.spam')}</p>
          </StatusMessage>
          <p>
            <Link to="/">{t('shared.backToLogin')}</Link>
          </p>
        </>
      ) : (
        <>
          <p className="lead">{t('forgot.lead')}</p>
          <ErrorSummary {...form.summary} />
          <form noValidate onSubmit={onSubmit}>
            <Field
              {...form.field('email')}
              label={t('shared.emailAddress')}
              type="email"
              autoComplete="email"
              spellCheck={false}
              autoCapitalize="none"
            />
            <Button type="submit" busy={form.busy}>
              {t('forgot.submit')}
            </Button>
          </form>
          <p>
            <Link to="/">{t('shared.backToLogin')}</Link>
          </p>
        </>
      )}
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from '../router.js';
import { PageHeading, usePageTitle } from '../page.js';
import { useSession } from '../session.js';

/** title and message: the words of « Page introuvable » unless given (e.g. a page reserved for administrators). */
export function NotFoundPage({ title: givenTitle, message: givenMessage }: { title?: string; message?: string }) {
  const { t } = useTranslation('auth');
  const title = givenTitle ?? t('notFound.title');
  const message = givenMessage ?? t('notFound.message');
  usePageTitle(title);
  const { account } = useSession();
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p>{message}</p>
      <p>
        {account ? (
          <Link to={account.kind === 'staff' ? '/agent' : '/famille'}>{t('notFound.backToSpace')}</Link>
        ) : (
          <Link to="/">{t('notFound.backToHome')}</Link>
        )}
      </p>
    </>
  );
}

import { PageHeading } from '../components';
import { useStaffMessages } from './messages';
import { portalPaths } from './paths';

/** Any /portal address without a screen (yet), or one the person may not open. */
export function StaffNotFoundPage() {
  const { t } = useStaffMessages();
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p data-testid="staff-not-found">{t('notFound.body')}</p>
      <p>
        <a href={portalPaths.home()}>{t('notFound.home')}</a>
      </p>
    </>
  );
}

/** BKPSDM's screens for anyone else (a typed or shared address): a sentence instead of forms
 * the server would refuse. The server decides anyway; this only spares a confusing page. */
import type { ComponentChildren } from 'preact';
import { EmptyState, PageHeading } from '../../components';
import { hasRole, useSession } from '../session';
import { useHrMessages } from './hrMessages';

export function HrOnly(props: { title: string; children: ComponentChildren }) {
  const { me } = useSession();
  const { t } = useHrMessages();
  if (hasRole(me, 'HR_ADMIN')) return <>{props.children}</>;
  return (
    <>
      <PageHeading>{props.title}</PageHeading>
      <EmptyState testId="hr-only">
        <p>{t('hr.only')}</p>
      </EmptyState>
    </>
  );
}

/**
 * /portal/notifikasi: my notifications, newest first (all or unread only), a page at a time;
 * mark one or all read (the bell follows); each links to the object it is about.
 */
import { useEffect, useState } from 'preact/hooks';
import { EmptyState, PageHeading } from '../../components';
import { MarkNotificationsReadDocument } from './MarkNotificationsRead.generated';
import { MyNotificationsDocument, type MyNotificationsQuery } from './MyNotifications.generated';
import { runMutation, staffRequest, useStaffQuery } from '../api';
import { formatDateTime } from '../messages';
import { useSession } from '../session';
import { QueryView } from '../ui/states';
import { useNotificationMessages, type NotificationMessageKey } from './messages';

const PAGE = 20;

type Page = MyNotificationsQuery['myNotifications'];
type Item = Page['nodes'][number];

export function NotificationsPage() {
  const { t } = useNotificationMessages();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const query = useStaffQuery(MyNotificationsDocument, { unreadOnly, first: PAGE, after: null });
  return (
    <>
      <PageHeading>{t('notifications.title')}</PageHeading>
      <fieldset class="segmented">
        <legend>{t('notifications.filterLabel')}</legend>
        <label>
          <input type="radio" name="notif-filter" checked={!unreadOnly} onChange={() => setUnreadOnly(false)} />
          {t('notifications.all')}
        </label>
        <label>
          <input type="radio" name="notif-filter" checked={unreadOnly} onChange={() => setUnreadOnly(true)} />
          {t('notifications.unreadOnly')}
        </label>
      </fieldset>
      <QueryView query={query}>
        {(data) => <NotificationList key={String(unreadOnly)} first={data} unreadOnly={unreadOnly} />}
      </QueryView>
    </>
  );
}

function NotificationList(props: { first: MyNotificationsQuery; unreadOnly: boolean }) {
  const { t } = useNotificationMessages();
  const session = useSession();
  const [items, setItems] = useState<Item[]>(props.first.myNotifications.nodes);
  const [page, setPage] = useState(props.first.myNotifications.pageInfo);
  const [total] = useState(props.first.myNotifications.totalCount);
  const [loadingMore, setLoadingMore] = useState(false);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const { setUnread } = session;
  useEffect(() => setUnread(props.first.unreadNotificationCount), [props.first, setUnread]);

  async function loadMore(): Promise<void> {
    if (page.endCursor === null) return;
    setLoadingMore(true);
    try {
      const next = await staffRequest(MyNotificationsDocument, { unreadOnly: props.unreadOnly, first: PAGE, after: page.endCursor });
      setItems((old) => [...old, ...next.myNotifications.nodes]);
      setPage(next.myNotifications.pageInfo);
      session.setUnread(next.unreadNotificationCount);
    } catch {
      setStatus(t('notifications.markFailed'));
    } finally {
      setLoadingMore(false);
    }
  }

  async function mark(ids: string[] | null): Promise<void> {
    setBusy(true);
    const outcome = await runMutation(MarkNotificationsReadDocument, { ids }, (d) => d.markNotificationsRead);
    setBusy(false);
    if (!outcome.ok) {
      setStatus(t('notifications.markFailed'));
      return;
    }
    setItems((old) => old.map((n) => (ids === null || ids.includes(n.id) ? { ...n, read: true } : n)));
    session.setUnread(outcome.result.unreadCount);
    setStatus(t('notifications.marked', { count: outcome.result.markedCount }));
  }

  const unread = session.unread;
  return (
    <>
      <div class="toolbar">
        <p data-testid="notifications-summary">{t('notifications.summary', { unread, total })}</p>
        {unread > 0 ? (
          <button type="button" class="button button-secondary" disabled={busy} onClick={() => void mark(null)} data-testid="mark-all">
            {t('notifications.markAll')}
          </button>
        ) : null}
      </div>
      <p role="status" class="status-line" data-testid="notifications-status">
        {status}
      </p>
      {items.length === 0 ? (
        <EmptyState testId="notifications-empty">
          <p>{props.unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')}</p>
        </EmptyState>
      ) : (
        <ul class="notification-list" data-testid="notification-list">
          {items.map((n) => (
            <NotificationItem key={n.id} item={n} busy={busy} onMark={() => void mark([n.id])} />
          ))}
        </ul>
      )}
      {page.hasNextPage ? (
        <p>
          <button type="button" class="button button-secondary" disabled={loadingMore} onClick={() => void loadMore()}>
            {t('notifications.more')}
          </button>
        </p>
      ) : null}
    </>
  );
}

function NotificationItem(props: { item: Item; busy: boolean; onMark: () => void }) {
  const { t, lang, locale } = useNotificationMessages();
  const { item } = props;
  const kindKey = `notifications.kind.${item.kind}`;
  const kind = kindKey in useNotificationMessages.catalogues.id ? t(kindKey as NotificationMessageKey) : t('notifications.kind.other');
  const link = item.link !== null && item.link.startsWith('/portal') ? item.link : null;
  return (
    <li class={item.read ? 'notification' : 'notification notification-unread'} data-testid="notification" data-read={String(item.read)} data-id={item.id}>
      <p class="notification-head">
        <strong>{kind}</strong>
        {item.read ? null : <span class="badge badge-unread">{t('notifications.unreadBadge')}</span>}
        <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, locale)}</time>
      </p>
      <p class="notification-message" lang={lang === 'id' ? undefined : 'id'}>
        {item.message}
      </p>
      <p class="notification-actions">
        {link !== null ? (
          <a href={link} onClick={() => (item.read ? undefined : props.onMark())}>
            {t('notifications.open')}
            <span class="visually-hidden">: {kind}</span>
          </a>
        ) : null}
        {item.read ? null : (
          <button type="button" class="button button-link" disabled={props.busy} onClick={props.onMark} data-testid="mark-read">
            {t('notifications.markRead')}
            <span class="visually-hidden">: {kind}</span>
          </button>
        )}
      </p>
    </li>
  );
}

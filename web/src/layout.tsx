/** Layout pieces shared by the public and the staff layout. */
import { useI18n, type Lang } from './i18n';
import { useSiteInfo } from './lib/siteInfo';

export function SkipLink() {
  const { t } = useI18n();
  return (
    <a
      href="#main"
      class="skip-link"
      onClick={(event) => {
        // Focus <main> without touching the URL (a hash would look like a route change).
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}
    >
      {t('app.skipLink')}
    </a>
  );
}

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  const other: Lang = lang === 'id' ? 'en' : 'id';
  return (
    <button type="button" class="lang-switch" lang={other} aria-label={t('app.langSwitchLabel')} onClick={() => setLang(other)}>
      {t('app.langSwitch')}
    </button>
  );
}

/** `page` for the page itself; `true` inside its section (`/kinerja/unit/X` under "Kinerja"). */
export function currentness(path: string, href: string, root = '/'): 'page' | 'true' | undefined {
  if (path === href) return 'page';
  return href !== root && path.startsWith(`${href}/`) ? 'true' : undefined;
}

export function Footer() {
  const { t } = useI18n();
  const about = useSiteInfo();
  return (
    <footer class="site-footer">
      <div class="container">
        <p>{t('app.footer.tagline')}</p>
        {about ? (
          <ul class="footer-facts">
            <li>{t('app.footer.publisher', { instansi: about.instansi })}</li>
            <li>
              {t('app.footer.licence')}{' '}
              {about.licenceUrl ? (
                <a href={about.licenceUrl} rel="license">
                  {about.licence}
                </a>
              ) : (
                about.licence
              )}
            </li>
            {about.contact ? (
              <li>
                {t('app.footer.contact')} <Contact value={about.contact} />
              </li>
            ) : null}
          </ul>
        ) : null}
      </div>
    </footer>
  );
}

function Contact(props: { value: string }) {
  const value = props.value.trim();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return <a href={`mailto:${value}`}>{value}</a>;
  if (/^https?:\/\//.test(value)) return <a href={value}>{value}</a>;
  return <>{value}</>;
}

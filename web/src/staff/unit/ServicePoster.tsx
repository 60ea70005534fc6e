/**
 * /portal/unit/layanan/:serviceId/cetak: the A4 poster of one service's survey, with its QR code
 * (drawn by the server, segno: `qrSvgPath` encodes exactly `surveyUrl`, which the SVG also carries
 * in its <desc>), the link written out for those without a camera, and a print button.
 * Print CSS (unit.css) drops the portal around it and prints A4 portrait (a named @page).
 */
import { useLocation } from 'preact-iso';
import { PageHeading } from '../../components';
import { useStaffQuery } from '../api';
import { portalPaths } from '../paths';
import { QueryView } from '../ui/states';
import { useUnitMessages } from './messages';
import { unitQuery } from './scope';
import { ServicePosterDocument } from './ServicePoster.generated';
import './unit.css';

export function ServicePosterPage(props: { params: { serviceId: string } }) {
  const { t, lang } = useUnitMessages();
  const { query: params } = useLocation();
  const query = useStaffQuery(ServicePosterDocument, { id: props.params.serviceId });
  return (
    <>
      <PageHeading>{t('poster.title')}</PageHeading>
      <QueryView query={query}>
        {({ surveyService: s }) => (
          <>
            <div class="poster-tools">
              <p class="hint">{t('poster.hint')}</p>
              {s.active ? null : (
                <p class="notice notice-warning" data-testid="poster-inactive">
                  {t('poster.inactive')}
                </p>
              )}
              <p class="inline-actions">
                <button type="button" class="button button-primary" data-testid="poster-print" onClick={() => window.print()}>
                  {t('poster.print')}
                </button>
                <a class="button button-secondary" href={`${portalPaths.unitServices()}${unitQuery(params)}`}>
                  {t('poster.back')}
                </a>
              </p>
            </div>
            {/* The poster speaks to citizens: always Indonesian, whatever the staff interface language. */}
            <article class="poster" lang="id" data-testid="service-poster" data-service-id={s.id} data-survey-url={s.surveyUrl}>
              <p class="poster-unit">{s.unit?.name ?? ''}</p>
              <h2 class="poster-service">{s.name}</h2>
              <p class="poster-heading">{t('poster.heading')}</p>
              <p class="poster-ask">{t('poster.ask')}</p>
              <img class="poster-qr" src={s.qrSvgPath} width={288} height={288} alt={t('poster.qrAlt', { name: s.name, url: s.surveyUrl })} lang={lang} data-testid="poster-qr" />
              <p>
                {t('poster.or')} <span class="poster-url" data-testid="poster-url">{s.surveyUrl}</span>
              </p>
              <p class="poster-footer">{t('poster.footer')}</p>
            </article>
          </>
        )}
      </QueryView>
    </>
  );
}

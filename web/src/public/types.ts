/**
 * Names for parts of the generated public operation types (src/graphql/public, from
 * schema/public.graphql). Nothing here is written by hand: every alias points into a generated
 * result type, so a schema or operation change shows up as a type error.
 */
import type { KinerjaOverviewQuery } from './KinerjaOverview.generated';
import type { KinerjaUnitQuery } from './KinerjaUnit.generated';
import type { LandingQuery } from './Landing.generated';
import type { SiteInfoQuery } from './SiteInfo.generated';
import type { UnitStatisticsRowFragment } from './UnitStatisticsRow.generated';

export type { UnitKind, ValueStatus } from '../graphql/public/types';
export type { MethodologyQuery } from './Methodology.generated';
export type { KinerjaOverviewQuery, KinerjaUnitQuery, LandingQuery };

export type SiteAbout = SiteInfoQuery['about'];
export type LandingUnit = LandingQuery['units'][number];

/** One row of the units table (KinerjaOverview and KinerjaUnitsPage share the fragment). */
export type UnitStatisticsRow = UnitStatisticsRowFragment;

/** The release facts every performance page shows. */
export type ReleaseInfo = Pick<
  NonNullable<KinerjaOverviewQuery['latestRelease']>,
  'number' | 'provisional' | 'periodCode' | 'periodStart' | 'periodEnd' | 'publishedAt' | 'headcountThreshold' | 'distributionThreshold'
>;

type UnitRelease = NonNullable<KinerjaUnitQuery['latestRelease']>;
export type UnitDetail = NonNullable<UnitRelease['unit']>;
export type FollowUpAction = UnitDetail['followUps'][number];
export type ServiceStatistics = UnitRelease['services']['edges'][number]['node'];
export type UnitSeriesPoint = KinerjaUnitQuery['unitTimeSeries'][number];

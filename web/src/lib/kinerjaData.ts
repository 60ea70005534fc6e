/**
 * Data of the public performance pages. The overview (latest release, city, every unit) is
 * fetched once per page load and kept, so going back from a unit page is instant.
 */
import { PUBLIC_ENDPOINT, request } from '../graphql/client';
import { KinerjaOverviewDocument } from '../public/KinerjaOverview.generated';
import { KinerjaUnitDocument } from '../public/KinerjaUnit.generated';
import { KinerjaUnitsPageDocument } from '../public/KinerjaUnitsPage.generated';
import { MethodologyDocument } from '../public/Methodology.generated';
import type { KinerjaOverviewQuery, KinerjaUnitQuery, MethodologyQuery, UnitStatisticsRow } from '../public/types';

export type Release = NonNullable<KinerjaOverviewQuery['latestRelease']>;

export interface Overview {
  release: Release | null;
  units: UnitStatisticsRow[];
}

/** Enough pages for any city; a guard against a server that never ends its pagination. */
const MAX_PAGES = 50;

async function fetchOverview(signal?: AbortSignal): Promise<Overview> {
  const options = { endpoint: PUBLIC_ENDPOINT, signal };
  const first = await request(KinerjaOverviewDocument, {}, options);
  const release = first.latestRelease;
  if (release === null) return { release: null, units: [] };
  const units = release.units.edges.map((e) => e.node);
  let pageInfo = release.units.pageInfo;
  for (let page = 1; pageInfo.hasNextPage && pageInfo.endCursor !== null && page < MAX_PAGES; page += 1) {
    const next = await request(KinerjaUnitsPageDocument, { number: release.number, after: pageInfo.endCursor }, options);
    if (next.release === null) break;
    units.push(...next.release.units.edges.map((e) => e.node));
    pageInfo = next.release.units.pageInfo;
  }
  return { release, units };
}

let cached: Promise<Overview> | null = null;

export function loadOverview(): Promise<Overview> {
  if (cached === null) {
    const pending = fetchOverview();
    cached = pending;
    pending.catch(() => {
      if (cached === pending) cached = null;
    });
  }
  return cached;
}

export function loadUnit(code: string, signal?: AbortSignal): Promise<KinerjaUnitQuery> {
  return request(KinerjaUnitDocument, { code }, { endpoint: PUBLIC_ENDPOINT, signal });
}

export function loadMethodology(signal?: AbortSignal): Promise<MethodologyQuery> {
  return request(MethodologyDocument, {}, { endpoint: PUBLIC_ENDPOINT, signal });
}

export function thresholdsOf(release: { headcountThreshold: number; distributionThreshold: number }) {
  return { headcount: release.headcountThreshold, distribution: release.distributionThreshold };
}

export { unitHref } from './units';

export function csvHref(releaseNumber: number, dataset = 'units', ext: 'csv' | 'json' = 'csv'): string {
  return `/public/data/${releaseNumber}/${dataset}.${ext}`;
}

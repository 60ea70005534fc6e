/**
 * The public Landing query, fetched once per page load and shared by the landing page and the
 * footer (licence and contact appear on every page). A failed load is retried on next call.
 */
import { PUBLIC_ENDPOINT, request } from '../graphql/client';
import { LandingDocument } from '../public/Landing.generated';
import type { LandingQuery } from '../public/types';

let cached: Promise<LandingQuery> | null = null;

export function loadLanding(): Promise<LandingQuery> {
  if (cached === null) {
    const pending = request(LandingDocument, {}, { endpoint: PUBLIC_ENDPOINT });
    cached = pending;
    pending.catch(() => {
      if (cached === pending) cached = null;
    });
  }
  return cached;
}

/** The bulk downloads (/public/data/…): the release index and one release's datapackage.json. */

export interface ReleaseEntry {
  number: number;
  period: string;
  published_at: string;
  superseded_by: number | null;
  datapackage: string;
}

export interface DataField {
  name: string;
  type: string;
  description_id: string;
  description_en: string;
}

export interface DataResource {
  name: string;
  path: string;
  title: string;
  format: string;
  bytes: number;
  hash: string;
  rows: number;
  schema: { fields: DataField[] };
}

export interface DataPackage {
  release: number;
  title: string;
  period: { code: string; label?: string; start: string; end: string };
  /** True when the figures are the demo's invented data (older releases: absent). */
  synthetic?: boolean;
  published_at: string;
  supersedes: number | null;
  licenses: Array<{ name: string; path: string }>;
  contributors: Array<{ title: string; role: string }>;
  resources: DataResource[];
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'omit', signal });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

export function loadReleaseIndex(signal?: AbortSignal): Promise<{ releases: ReleaseEntry[] }> {
  return getJson('/public/data/', signal);
}

export function loadDataPackage(number: number, signal?: AbortSignal): Promise<DataPackage> {
  return getJson(`/public/data/${number}/datapackage.json`, signal);
}

export function fileHref(release: number, path: string): string {
  return `/public/data/${release}/${encodeURIComponent(path)}`;
}

/** `sha256:abc…` → `abc…` */
export function sha256Of(resource: Pick<DataResource, 'hash'>): string {
  return resource.hash.replace(/^sha256:/, '');
}

/** The release a reader most likely wants: the newest one not replaced by a correction. */
export function currentRelease(releases: readonly ReleaseEntry[]): ReleaseEntry | null {
  return releases.find((r) => r.superseded_by === null) ?? releases[0] ?? null;
}

/** The datasets, one entry each, with their CSV and JSON files. */
export function datasets(pkg: DataPackage): Array<{ key: string; title: string; csv?: DataResource; json?: DataResource }> {
  const byKey = new Map<string, { key: string; title: string; csv?: DataResource; json?: DataResource }>();
  for (const resource of pkg.resources) {
    const key = resource.path.replace(/\.(csv|json)$/, '');
    const entry = byKey.get(key) ?? { key, title: resource.title };
    if (resource.format === 'csv') entry.csv = resource;
    else if (resource.format === 'json') entry.json = resource;
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

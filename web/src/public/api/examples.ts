/**
 * The example queries served by /public/examples/<name>.graphql (schema/examples/ in the
 * repository; a test checks this list against that folder).
 */
export const EXAMPLES = [
  'city_overview',
  'evaluation_figures',
  'services_ikm',
  'unit_follow_ups',
  'unit_time_series',
  'releases_and_methodology',
] as const;

export type ExampleName = (typeof EXAMPLES)[number];

export function exampleHref(name: ExampleName): string {
  return `/public/examples/${name}.graphql`;
}

export async function loadExample(name: ExampleName): Promise<string> {
  const response = await fetch(exampleHref(name), { credentials: 'omit' });
  if (!response.ok) throw new Error(`${name}: ${response.status}`);
  return response.text();
}

import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from './examples';

describe('example queries', () => {
  it('are exactly those the server serves from schema/examples', () => {
    const folder = resolve(__dirname, '../../../../schema/examples');
    const served = readdirSync(folder)
      .filter((f) => f.endsWith('.graphql'))
      .map((f) => f.replace(/\.graphql$/, ''))
      .sort();
    expect([...EXAMPLES].sort()).toEqual(served);
  });
});

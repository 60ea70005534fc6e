/** Every area catalogue (defineMessages) is complete in both languages. */
import { describe, expect, it } from 'vitest';
import type { AreaCatalogues } from '../i18n';

const modules = import.meta.glob<Record<string, unknown>>('../**/{messages,*Messages}.ts', { eager: true });
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

function catalogues(): Array<[string, AreaCatalogues<string>]> {
  const found: Array<[string, AreaCatalogues<string>]> = [];
  for (const [path, exports] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === 'function' && 'catalogues' in value) {
        found.push([`${path}#${name}`, (value as unknown as { catalogues: AreaCatalogues<string> }).catalogues]);
      }
    }
  }
  return found;
}

describe('area catalogues', () => {
  it('are found (staff shell, home, notifications, profile)', () => {
    expect(catalogues().length).toBeGreaterThanOrEqual(4);
  });

  for (const [where, { id, en }] of catalogues()) {
    it(`${where}: same keys, no empty text, same placeholders`, () => {
      expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
      for (const key of Object.keys(id)) {
        expect(id[key]?.trim(), key).not.toBe('');
        expect(en[key]?.trim(), key).not.toBe('');
        expect(placeholders(en[key] ?? ''), key).toEqual(placeholders(id[key] ?? ''));
      }
    });
  }
});

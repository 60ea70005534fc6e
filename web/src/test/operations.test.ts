/**
 * Every operation in web/ validates against the committed SDL (schema/*.graphql): public
 * operations against the public schema, staff operations against the internal one. And the
 * public side never imports the staff API's types or operations.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSchema, parse, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';

const WEB = join(__dirname, '..', '..');
const SRC = join(WEB, 'src');

function files(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, suffix);
    return name.endsWith(suffix) ? [path] : [];
  });
}

function documentOf(folder: string): DocumentNode {
  const sources = files(join(SRC, folder), '.graphql').map((path) => readFileSync(path, 'utf8'));
  return parse(sources.join('\n'));
}

describe('operations', () => {
  for (const [folder, sdl] of [
    ['public', 'public.graphql'],
    ['staff', 'internal.graphql'],
  ] as const) {
    it(`in src/${folder} validate against schema/${sdl}`, () => {
      const schema = buildSchema(readFileSync(join(WEB, '..', 'schema', sdl), 'utf8'));
      const document = documentOf(folder);
      expect(document.definitions.length).toBeGreaterThan(0);
      expect(validate(schema, document).map((e) => e.message)).toEqual([]);
    });
  }

  it('fail validation when a field does not exist (the check can fail)', () => {
    const schema = buildSchema(readFileSync(join(WEB, '..', 'schema', 'public.graphql'), 'utf8'));
    expect(validate(schema, parse('query X { about { noSuchField } }'))).not.toEqual([]);
    const internal = buildSchema(readFileSync(join(WEB, '..', 'schema', 'internal.graphql'), 'utf8'));
    // A staff operation is not a public one.
    expect(validate(schema, parse('query Y { myAgenda { taskCount } }'))).not.toEqual([]);
    expect(validate(internal, parse('query Y { myAgenda { taskCount } }'))).toEqual([]);
  });
});

describe('the public side', () => {
  it('never imports the staff API (types, operations or screens)', () => {
    const offenders: string[] = [];
    for (const path of files(SRC, '.ts').concat(files(SRC, '.tsx'))) {
      const rel = relative(SRC, path);
      if (rel.startsWith('staff/') || rel.startsWith('graphql/internal/') || rel.endsWith('.test.ts')) continue;
      const text = readFileSync(path, 'utf8');
      for (const match of text.matchAll(/(?:from|import\()\s*'([^']+)'/g)) {
        const target = match[1] ?? '';
        // The app may load the staff area lazily (its own chunk); nothing else may reach it.
        const lazyArea = rel === 'app.tsx' && target === './staff/StaffArea' && match[0].startsWith('import(');
        if (!lazyArea && (/(^|\/)staff\//.test(target) || target.includes('graphql/internal'))) offenders.push(`${rel} → ${target}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

/**
 * graphql-codegen: typed operations from the committed SDL (../schema/*.graphql).
 *
 * Every operation lives in its own `.graphql` file next to the screen that uses it, and gets a
 * `.generated.ts` beside it (near-operation-file) with its result and variable types and the
 * document itself (a `TypedDocumentString`: the operation text, typed). So each screen's chunk
 * carries only its own operations.
 *
 * Two schemas, kept apart so public pages can never import a type of the staff API:
 * - src/public/**\/*.graphql  → schema/public.graphql   (base types: src/graphql/public/types.ts)
 * - src/staff/**\/*.graphql   → schema/internal.graphql (base types: src/graphql/internal/types.ts)
 *
 * Generated files are not committed: `npm run build` and `npm test` run `npm run codegen` first,
 * and an operation that does not validate against the committed SDL fails the generation.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config = {
  // Strings, not ASTs: `request()` posts the text as is; no GraphQL parser ships to the browser.
  documentMode: 'string',
  // Enums as string unions: no runtime objects.
  enumsAsTypes: true,
  useTypeImports: true,
  skipTypename: true,
  avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
  scalars: {
    ID: { input: 'string', output: 'string' },
    Date: 'string',
    DateTime: 'string',
    Decimal: 'string',
    JSON: 'unknown',
  },
};

function area(schema: string, folder: string, base: string): CodegenConfig['generates'] {
  return {
    [`src/graphql/${base}/types.ts`]: {
      schema,
      plugins: ['typescript'],
      config: { ...config, onlyOperationTypes: true },
    },
    [`src/${folder}/`]: {
      schema,
      documents: [`src/${folder}/**/*.graphql`],
      preset: 'near-operation-file',
      presetConfig: { extension: '.generated.ts', baseTypesPath: `../graphql/${base}/types.ts` },
      plugins: ['typescript-operations', 'typed-document-node'],
      config,
    },
  };
}

const codegen: CodegenConfig = {
  overwrite: true,
  ignoreNoDocuments: false,
  generates: {
    ...area('../schema/public.graphql', 'public', 'public'),
    ...area('../schema/internal.graphql', 'staff', 'internal'),
  },
};

export default codegen;

/**
 * Typed GraphQL documents. Each operation lives in its own .graphql file and is imported as
 * a string; the phantom type parameters carry its result and variable types to `request()`.
 *
 * When graphql-codegen takes over (client-preset with `documentMode: "string"`), this file is
 * replaced by the generated `graphql.ts`, whose `TypedDocumentString` has the same shape.
 */
import landingSource from './Landing.graphql?raw';
import homeSource from './Home.graphql?raw';
import kinerjaOverviewSource from './KinerjaOverview.graphql?raw';
import kinerjaUnitsPageSource from './KinerjaUnitsPage.graphql?raw';
import kinerjaUnitSource from './KinerjaUnit.graphql?raw';
import methodologySource from './Methodology.graphql?raw';
import type {
  HomeQuery,
  HomeQueryVariables,
  KinerjaOverviewQuery,
  KinerjaOverviewQueryVariables,
  KinerjaUnitQuery,
  KinerjaUnitQueryVariables,
  KinerjaUnitsPageQuery,
  KinerjaUnitsPageQueryVariables,
  LandingQuery,
  LandingQueryVariables,
  MethodologyQuery,
  MethodologyQueryVariables,
} from './types';

declare const resultType: unique symbol;
declare const variablesType: unique symbol;

/** A GraphQL document as a string, branded with its result and variable types. */
export type TypedDocumentString<TResult, TVariables> = string & {
  readonly [resultType]?: TResult;
  readonly [variablesType]?: TVariables;
};

export function typedDocument<TResult, TVariables>(
  source: string,
): TypedDocumentString<TResult, TVariables> {
  return source as TypedDocumentString<TResult, TVariables>;
}

export const LandingDocument = typedDocument<LandingQuery, LandingQueryVariables>(landingSource);
export const HomeDocument = typedDocument<HomeQuery, HomeQueryVariables>(homeSource);
export const KinerjaOverviewDocument = typedDocument<KinerjaOverviewQuery, KinerjaOverviewQueryVariables>(
  kinerjaOverviewSource,
);
export const KinerjaUnitsPageDocument = typedDocument<KinerjaUnitsPageQuery, KinerjaUnitsPageQueryVariables>(
  kinerjaUnitsPageSource,
);
export const KinerjaUnitDocument = typedDocument<KinerjaUnitQuery, KinerjaUnitQueryVariables>(kinerjaUnitSource);
export const MethodologyDocument = typedDocument<MethodologyQuery, MethodologyQueryVariables>(methodologySource);

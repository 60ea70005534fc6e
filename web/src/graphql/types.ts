/**
 * Hand-written result types for the operations in this folder.
 *
 * Temporary: a later step generates these from schema/*.graphql with graphql-codegen
 * (client-preset, `documentMode: "string"`). The names follow codegen's convention
 * (`<Operation>Query`, `<Operation>QueryVariables`) so the swap only changes imports
 * in ./documents.ts. Nullability is deliberately defensive where the contract is loose.
 */

// ---- enums (GraphQL enum values are kept as codes; labels are translated in src/i18n) ----

export type UnitKind =
  | 'INSTANSI'
  | 'PERANGKAT_DAERAH'
  | 'KECAMATAN'
  | 'SEKRETARIAT'
  | 'BIDANG'
  | 'BAGIAN'
  | 'SUBBAGIAN'
  | 'SEKSI'
  | 'UPTD'
  | 'KELURAHAN';

export type Role = 'HR_ADMIN' | 'UNIT_MANAGER' | 'AUDITOR' | 'SYSADMIN';

export type PositionKind =
  | 'JPT_UTAMA'
  | 'JPT_MADYA'
  | 'JPT_PRATAMA'
  | 'ADMINISTRATOR'
  | 'PENGAWAS'
  | 'PELAKSANA'
  | 'FUNGSIONAL';

export type AssessorBasis = 'PARENT_POSITION' | 'NEXT_FILLED_POSITION' | 'OVERRIDE';

export type ActingKind = 'PLT' | 'PLH' | 'PENUNJUKAN';

export type AsnType = 'PNS' | 'PPPK';

export type Gender = 'LAKI_LAKI' | 'PEREMPUAN';

export type EmployeeStatus =
  | 'AKTIF'
  | 'CUTI'
  | 'TUGAS_BELAJAR'
  | 'DIBERHENTIKAN_SEMENTARA'
  | 'PENSIUN'
  | 'BERHENTI'
  | 'MENINGGAL';

// ---- Landing (public) ----

export interface LandingAbout {
  instansi: string;
  licence: string;
  licenceUrl: string | null;
  contact: string | null;
  syntheticData: boolean;
}

export interface LandingUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
}

export interface LandingQuery {
  about: LandingAbout;
  units: LandingUnit[];
}

export type LandingQueryVariables = Record<string, never>;

// ---- Home (internal) ----

export interface HomeAssessor {
  basis: AssessorBasis;
  actingKind: ActingKind | null;
  employee: {
    name: string;
    position: { name: string } | null;
    unit: { name: string } | null;
  };
}

export interface HomeEmployee {
  id: string;
  name: string;
  position: { name: string; kind: PositionKind } | null;
  unit: { code: string; name: string; parent: { name: string } | null } | null;
  record: {
    nipFormatted: string;
    asnType: AsnType;
    golongan: string | null;
    pangkat: string | null;
    gender: Gender;
    status: EmployeeStatus;
  } | null;
  assessor: HomeAssessor | null;
  assessorsAssessor: HomeAssessor | null;
}

export interface HomeQuery {
  me: {
    login: string;
    roles: Role[];
    employee: HomeEmployee | null;
  } | null;
}

export type HomeQueryVariables = Record<string, never>;

// ---- Public performance pages (releases) ----

/** Why a published value is null (disclosure control or missing source data). */
export type ValueStatus = 'BELOW_THRESHOLD' | 'COMPLEMENTARY' | 'NOT_AVAILABLE';

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface SurveySummary {
  responses: number;
  ikmConverted: number | null;
  /** A–D; null when the index is withheld. */
  band: string | null;
  status: ValueStatus | null;
}

export interface SurveyDetail extends SurveySummary {
  servicePopulation: number | null;
  requiredSample: number | null;
  sampleSufficient: boolean | null;
}

/** One row of the units table (KinerjaOverview and KinerjaUnitsPage). */
export interface UnitStatisticsRow {
  code: string | null;
  name: string;
  kind: UnitKind | null;
  parentCode: string | null;
  headcount: number | null;
  headcountStatus: ValueStatus | null;
  skpCoveragePct: number | null;
  skpCoveragePctStatus: ValueStatus | null;
  realizationOnTimePct: number | null;
  realizationOnTimePctStatus: ValueStatus | null;
  survey: SurveySummary;
}

export interface UnitStatisticsPage {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Array<{ node: UnitStatisticsRow }>;
}

export interface ReleaseInfo {
  number: number;
  periodCode: string;
  periodStart: string;
  periodEnd: string;
  publishedAt: string;
  headcountThreshold: number;
  distributionThreshold: number;
}

export interface CityStatistics {
  name: string;
  headcount: number | null;
  headcountStatus: ValueStatus | null;
  skpCoveragePct: number | null;
  skpCoveragePctStatus: ValueStatus | null;
  realizationOnTimePct: number | null;
  realizationOnTimePctStatus: ValueStatus | null;
  survey: SurveyDetail & { requiredSample: number | null; sampleSufficient: boolean | null };
}

export interface KinerjaOverviewQuery {
  latestRelease:
    | (ReleaseInfo & {
        methodologyVersion: string;
        licence: string;
        licenceUrl: string;
        city: Omit<CityStatistics, 'survey'> & {
          survey: SurveySummary & { requiredSample: number | null; sampleSufficient: boolean | null };
        };
        units: UnitStatisticsPage;
      })
    | null;
}

export type KinerjaOverviewQueryVariables = Record<string, never>;

export interface KinerjaUnitsPageQuery {
  release: { units: UnitStatisticsPage } | null;
}

export interface KinerjaUnitsPageQueryVariables {
  number: number;
  after: string | null;
}

export interface FollowUpAction {
  year: number;
  unsur: string | null;
  action: string;
  targetDate: string | null;
  done: boolean;
}

export interface UnsurScore {
  unsur: string;
  nrr: number | null;
  nrrStatus: ValueStatus | null;
  answers: number;
}

export interface ServiceStatistics {
  code: string;
  name: string;
  survey: SurveyDetail & { ikm: number | null; unsur: UnsurScore[] };
}

export interface UnitDetail extends UnitStatisticsRow {
  directHeadcount: number | null;
  directHeadcountStatus: ValueStatus | null;
  evaluationCompletionPct: number | null;
  evaluationCompletionPctStatus: ValueStatus | null;
  survey: SurveyDetail;
  followUps: FollowUpAction[];
}

export interface UnitSeriesPoint {
  releaseNumber: number;
  periodCode: string;
  headcount: number | null;
  headcountStatus: ValueStatus | null;
  skpCoveragePct: number | null;
  skpCoveragePctStatus: ValueStatus | null;
  realizationOnTimePct: number | null;
  realizationOnTimePctStatus: ValueStatus | null;
  survey: SurveySummary;
}

export interface KinerjaUnitQuery {
  latestRelease:
    | (ReleaseInfo & {
        methodologyVersion: string;
        unit: UnitDetail | null;
        services: { totalCount: number; edges: Array<{ node: ServiceStatistics }> };
      })
    | null;
  unitTimeSeries: UnitSeriesPoint[];
}

export interface KinerjaUnitQueryVariables {
  code: string;
}

export interface MethodologyQuery {
  methodology: {
    version: string;
    headcountThreshold: number;
    distributionThreshold: number;
    licence: string;
    licenceUrl: string;
    contact: string;
    definitions: Array<{ key: string; formula: string; descriptionId: string; descriptionEn: string }>;
  };
  releases: Array<{
    number: number;
    periodCode: string;
    publishedAt: string;
    supersedesNumber: number | null;
    supersededByNumber: number | null;
  }>;
}

export type MethodologyQueryVariables = Record<string, never>;

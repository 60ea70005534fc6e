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

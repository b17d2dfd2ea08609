import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface BodiesTable {
  id: Generated<number>;
  code: string;
  kind: 'province' | 'department' | 'city' | 'county' | 'institution';
  name_ko: string;
  name_en: string | null;
  parent_id: number | null;
  created_at: Generated<Date>;
}

export interface ServicesTable {
  id: Generated<number>;
  public_id: string;
  body_id: number;
  is_example: Generated<boolean>;
  current_version_id: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A published version of a service's disclosure. Rows are immutable (a trigger refuses UPDATE and DELETE). */
export interface ServiceVersionsTable {
  id: Generated<number>;
  service_id: number;
  version_no: number;
  schema_version: string;
  disclosure: ColumnType<unknown, string, never>;
  change_reason: string | null;
  published_at: Timestamp;
  published_by: string | null;
}

/** Search and facet projection of each service's current published version (rebuilt on publish). */
export interface ServiceSearchTable {
  service_id: number;
  body_id: number;
  body_kind: string;
  field: string;
  tech_types: string[];
  status: string;
  personal: boolean;
  high_impact: boolean;
  generative: boolean;
  is_example: boolean;
  name: string;
  name_en: string | null;
  summary: string;
  summary_en: string | null;
  doc: string;
  grams: string[];
  start_date: string | null;
  published_at: Timestamp;
  first_published_at: Timestamp;
}

export interface OutcomeValuesTable {
  service_id: number;
  indicator: string;
  unit: string | null;
  period_date: string;
  value: number;
}

export interface ServiceDatasetsTable {
  service_id: number;
  name: string;
  source_body: string | null;
  kind: string;
  personal: boolean;
}

export interface PublicIdCountersTable {
  year: number;
  last: number;
}

export interface DB {
  bodies: BodiesTable;
  services: ServicesTable;
  service_versions: ServiceVersionsTable;
  service_search: ServiceSearchTable;
  outcome_values: OutcomeValuesTable;
  service_datasets: ServiceDatasetsTable;
  public_id_counters: PublicIdCountersTable;
}

export type Body = Selectable<BodiesTable>;

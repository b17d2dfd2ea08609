import type { ColumnType, Generated, GeneratedAlways, Selectable } from 'kysely';
import type { MailDB } from '../../features/mail/mail.tables.ts';
import type { SurveysDB } from '../../features/surveys/surveys.tables.ts';

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
  completeness: Generated<number>;
  start_date: string | null;
  published_at: Timestamp;
  first_published_at: Timestamp;
}

export interface ServiceIndexTable {
  service_id: number;
  body_id: number;
  facets: number;
  published_at: Timestamp;
  first_published_at: Timestamp;
  terms: string[];
  rev: Generated<string>;
  rec: GeneratedAlways<Uint8Array>;
}

export interface ServiceIndexRemovedTable {
  rev: string;
  service_id: number;
}

export interface SearchWordsTable {
  word: string;
  grams: string[];
}

export interface RegistryGenerationTable {
  id: Generated<boolean>;
  n: string;
  log_from: string;
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

/** Stored CSV lines of published versions (migration 011; exports/export-rows.repository.ts). */
export interface ExportRowsTable {
  version_id: number;
  rev: string;
  body_code: string;
  body_name: string;
  is_example: boolean;
  csv: string;
}

export interface DB extends BackOfficeDB, SurveysDB, MailDB {
  bodies: BodiesTable;
  services: ServicesTable;
  service_versions: ServiceVersionsTable;
  service_search: ServiceSearchTable;
  service_index: ServiceIndexTable;
  service_index_removed: ServiceIndexRemovedTable;
  search_words: SearchWordsTable;
  registry_generation: RegistryGenerationTable;
  outcome_values: OutcomeValuesTable;
  service_datasets: ServiceDatasetsTable;
  public_id_counters: PublicIdCountersTable;
  export_rows: ExportRowsTable;
}

export type Body = Selectable<BodiesTable>;

export interface AccountsTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: 'officer' | 'reviewer' | 'admin';
  body_id: number | null;
  password_hash: string | null;
  oidc_subject: string | null;
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Date | null;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  id_hash: string;
  account_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  token_hash: string;
  account_id: number;
  body_id: number;
  name: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface WorkflowTransitionsTable {
  from_state: string;
  action: string;
  to_state: string;
  role: string;
}

export type DraftState = 'draft' | 'submitted' | 'returned' | 'published' | 'withdrawn';

export interface DraftsTable {
  id: Generated<number>;
  body_id: number;
  service_id: number | null;
  state: DraftState;
  disclosure: ColumnType<unknown, string, string>;
  change_reason: string | null;
  revision: Generated<number>;
  created_by: number | null;
  updated_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  submitted_at: Date | null;
  published_version_id: number | null;
}

export interface ReviewCommentsTable {
  id: Generated<number>;
  draft_id: number;
  item: string;
  comment: string;
  author_id: number | null;
  created_at: Generated<Date>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: number | null;
  actor_label: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  body_id: number | null;
  ip: string | null;
  details: ColumnType<unknown, string | null, never>;
}

export interface QuestionsTable {
  id: Generated<number>;
  service_id: number;
  kind: 'question' | 'error';
  author_name: string | null;
  author_email: string | null;
  text: string;
  state: Generated<'open' | 'answered' | 'hidden'>;
  answer: string | null;
  answered_by: number | null;
  answered_at: Date | null;
  created_at: Generated<Date>;
  ip_hash: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: Date;
  count: number;
}

export interface BackOfficeDB {
  accounts: AccountsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  workflow_transitions: WorkflowTransitionsTable;
  drafts: DraftsTable;
  review_comments: ReviewCommentsTable;
  audit_log: AuditLogTable;
  questions: QuestionsTable;
  rate_limits: RateLimitsTable;
}

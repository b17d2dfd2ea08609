import type { ColumnType, Generated } from 'kysely';

/** Dates (YYYY-MM-DD) are read as strings on both engines. */
type DateString = ColumnType<string, string, string>;

export type CampaignState = 'open' | 'closed';
export type TaskState = 'pending' | 'answered';
export type AnswerKind = 'new_services' | 'changes' | 'no_new_service';
export type ConfirmationOutcome = 'unchanged' | 'change_proposed';

export interface CampaignsTable {
  id: Generated<number>;
  title: string;
  description: string | null;
  opens_on: DateString;
  deadline: DateString;
  state: Generated<CampaignState>;
  created_by: number | null;
  created_at: Generated<Date>;
  closed_at: Date | null;
  closed_by: number | null;
}

export interface CampaignTasksTable {
  id: Generated<number>;
  campaign_id: number;
  body_id: number;
  state: Generated<TaskState>;
  answer_kind: AnswerKind | null;
  no_new_service: Generated<boolean>;
  new_draft_ids: Generated<number[]>;
  note: string | null;
  answered_at: Date | null;
  answered_by: number | null;
}

export interface CampaignConfirmationsTable {
  task_id: number;
  service_id: number;
  outcome: ConfirmationOutcome;
  draft_id: number | null;
  confirmed_by: number | null;
  confirmed_at: Generated<Date>;
}

export interface ServiceReviewsTable {
  id: Generated<number>;
  service_id: number;
  reviewed_at: Generated<Date>;
  reviewed_by: number | null;
  source: 'campaign' | 'officer';
  campaign_id: number | null;
}

export interface SurveysDB {
  campaigns: CampaignsTable;
  campaign_tasks: CampaignTasksTable;
  campaign_confirmations: CampaignConfirmationsTable;
  service_reviews: ServiceReviewsTable;
}

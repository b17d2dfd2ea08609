import { sql } from 'kysely';
import type { Db } from '../services/services.repository.ts';

export interface BodyOverview {
  code: string;
  nameKo: string;
  kind: string;
  services: number;
  avgCompleteness: number | null;
  draftsInProgress: number;
  submitted: number;
  openTasks: number;
  overdueTasks: number;
  unansweredQuestions: number;
  oldestQuestionDays: number | null;
}

/** Per body: published services, completeness, drafts, open and overdue survey tasks, unanswered questions. */
export async function bodyOverview(db: Db, today: string): Promise<BodyOverview[]> {
  const { rows } = await sql<BodyOverview>`
    select b.code, b.name_ko as "nameKo", b.kind,
      coalesce(s.n, 0)::int as services, s.avg as "avgCompleteness",
      coalesce(d.in_progress, 0)::int as "draftsInProgress", coalesce(d.submitted, 0)::int as submitted,
      coalesce(t.open, 0)::int as "openTasks", coalesce(t.overdue, 0)::int as "overdueTasks",
      coalesce(q.open, 0)::int as "unansweredQuestions", q.oldest_days as "oldestQuestionDays"
    from bodies b
    left join (select body_id, count(*) as n, round(avg(completeness))::int as avg from service_search group by body_id) s on s.body_id = b.id
    left join (select body_id, count(*) filter (where state in ('draft','returned')) as in_progress, count(*) filter (where state = 'submitted') as submitted
               from drafts group by body_id) d on d.body_id = b.id
    left join (select t.body_id, count(*) as open, count(*) filter (where c.deadline < ${today}::date) as overdue
               from campaign_tasks t join campaigns c on c.id = t.campaign_id
               where t.state = 'pending' and c.state = 'open' group by t.body_id) t on t.body_id = b.id
    left join (select sv.body_id, count(*) as open, max(extract(day from now() - q.created_at))::int as oldest_days
               from questions q join services sv on sv.id = q.service_id where q.state = 'open' group by sv.body_id) q on q.body_id = b.id
    order by case b.kind when 'province' then 0 when 'department' then 1 when 'city' then 2 when 'county' then 3 else 4 end, b.name_ko`.execute(db);
  return rows;
}

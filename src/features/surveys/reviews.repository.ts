import { sql } from 'kysely';
import type { Db } from '../services/services.repository.ts';

/**
 * The review cycle, computed rather than stored: a service was last reviewed on the later of its
 * newest published version and its newest logged review (a campaign confirmation, an officer's
 * check), in Korean dates; the next review is due `months` after that. Discontinued services are
 * not reviewed.
 */
export async function reviewStatus(db: Db, f: { today: string; months: number; bodyId?: number; overdueOnly?: boolean; serviceId?: number }) {
  const last = sql<string>`((greatest(
      (select max(v.published_at) from service_versions v where v.service_id = s.service_id),
      (select max(r.reviewed_at) from service_reviews r where r.service_id = s.service_id)
    ) at time zone 'Asia/Seoul')::date)`;
  const next = sql<string>`((${last} + make_interval(months => ${f.months}))::date)`;
  const rows = await db.selectFrom('service_search as s').innerJoin('services as sv', 'sv.id', 's.service_id').innerJoin('bodies as b', 'b.id', 's.body_id')
    .where('s.status', '<>', 'discontinued')
    .$if(f.bodyId !== undefined, (q) => q.where('s.body_id', '=', f.bodyId!))
    .$if(f.serviceId !== undefined, (q) => q.where('s.service_id', '=', f.serviceId!))
    .$if(!!f.overdueOnly, (q) => q.where(sql<boolean>`${next} < ${f.today}::date`))
    .select(['s.service_id as serviceId', 'sv.public_id as publicId', 's.name', 's.name_en as nameEn', 's.body_id as bodyId', 'b.code as bodyCode', 'b.name_ko as bodyNameKo',
      last.as('lastReviewedOn'), next.as('nextReviewOn')])
    .orderBy(next).orderBy('b.name_ko').orderBy('s.name').execute();
  return rows.map((r) => ({ ...r, overdue: r.nextReviewOn < f.today }));
}

export async function insertReview(db: Db, r: { serviceId: number; accountId: number; source: 'campaign' | 'officer'; campaignId: number | null; at: Date }) {
  await db.insertInto('service_reviews').values({ service_id: r.serviceId, reviewed_by: r.accountId, source: r.source, campaign_id: r.campaignId, reviewed_at: r.at }).execute();
}

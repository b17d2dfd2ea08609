import type { Db } from '../services/services.repository.ts';

export interface OwnService {
  publicId: string;
  serviceId: number;
  disclosure: unknown;
  openDraftId: number | null;
}

/**
 * The body's own published services among `publicIds`, with their current disclosure and any open
 * draft. Filtered by body in SQL: another body's service is indistinguishable from a missing one.
 */
export async function findOwnServices(db: Db, bodyId: number, publicIds: string[]): Promise<OwnService[]> {
  if (publicIds.length === 0) return [];
  const rows = await db
    .selectFrom('services as sv')
    .innerJoin('service_versions as v', 'v.id', 'sv.current_version_id')
    .where('sv.body_id', '=', bodyId)
    .where('sv.public_id', 'in', publicIds)
    .select((eb) => [
      'sv.public_id as publicId', 'sv.id as serviceId', 'v.disclosure',
      eb.selectFrom('drafts as d').whereRef('d.service_id', '=', 'sv.id').where('d.state', 'in', ['draft', 'submitted', 'returned']).select('d.id').limit(1).as('openDraftId'),
    ])
    .execute();
  return rows.map((r) => ({ publicId: r.publicId, serviceId: r.serviceId, disclosure: r.disclosure, openDraftId: r.openDraftId ?? null }));
}

export type Role = 'officer' | 'reviewer' | 'admin';
export const ROLES: Record<Role, { ko: string; en: string }> = {
  officer: { ko: '등록 담당자', en: 'Registering officer' },
  reviewer: { ko: '검토자 (AI국)', en: 'Reviewer (AI Bureau)' },
  admin: { ko: '관리자', en: 'Administrator' },
};

/** Who is acting: a signed-in person (session) or a machine (API token scoped to one body). */
export interface Actor {
  id: number;
  email: string;
  name: string;
  role: Role;
  bodyId: number | null;
  bodyCode: string | null;
  bodyNameKo: string | null;
  via: 'session' | 'token';
  csrf?: string;
  sessionHash?: string;
}

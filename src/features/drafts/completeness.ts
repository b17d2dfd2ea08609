import { labelOf, type L } from '../disclosure/disclosure.fields.ts';
import { ETHICS_REQUIREMENTS } from '../disclosure/codes.ts';

/** Items that the schema does not require but a good disclosure has (the completeness score counts them). */
const RECOMMENDED: { path: string; filled: (d: any) => boolean }[] = [
  { path: 'name.en', filled: (d) => !!d?.name?.en },
  { path: 'summary.en', filled: (d) => !!d?.summary?.en },
  { path: 'department', filled: (d) => !!d?.department },
  { path: 'contact.email', filled: (d) => !!d?.contact?.email || !!d?.contact?.phone },
  { path: 'startDate', filled: (d) => !!d?.startDate },
  { path: 'functions', filled: (d) => !!d?.functions?.ko },
  { path: 'algorithm', filled: (d) => !!d?.algorithm?.ko },
  { path: 'vendor', filled: (d) => !!d?.vendor },
  { path: 'model', filled: (d) => !!d?.model },
  { path: 'data.datasets', filled: (d) => (d?.data?.datasets?.length ?? 0) > 0 },
  { path: 'outcomes', filled: (d) => (d?.outcomes ?? []).some((o: any) => o?.values?.length > 0) },
  { path: 'aiAct.interventionPoint', filled: (d) => !!d?.aiAct?.interventionPoint },
  { path: 'aiAct.measures', filled: (d) => !!d?.aiAct?.measures },
  { path: 'budget.amountKrw', filled: (d) => d?.budget?.amountKrw !== undefined },
  { path: 'programme', filled: (d) => !!d?.programme },
  ...Object.keys(ETHICS_REQUIREMENTS).map((k) => ({ path: `ethics.requirements.${k}`, filled: (d: any) => !!d?.ethics?.requirements?.[k]?.how })),
];

export interface Completeness {
  score: number; // 0..100
  missing: { path: string; label: L }[];
}

export function completeness(disclosure: unknown): Completeness {
  const missing = RECOMMENDED.filter((r) => !r.filled(disclosure)).map((r) => ({ path: r.path, label: labelOf(r.path) ?? { ko: r.path, en: r.path } }));
  return { score: Math.round(((RECOMMENDED.length - missing.length) / RECOMMENDED.length) * 100), missing };
}

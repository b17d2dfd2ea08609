/**
 * The Gyeonggi disclosure schema, version gg-1.0: one source for the API validation, the public
 * detail page, the export columns and (later) forms and imports. Items follow PRODUCT.md §3.
 */
import { z } from 'zod';
import {
  AI_ACT_DOMAINS, AI_ACT_EFFECTS, DATASET_KINDS, ETHICS_LEVELS, ETHICS_REQUIREMENTS, FIELDS,
  LEGAL_BASES, STATUSES, TECH_TYPES, keysOf,
} from './codes.ts';

export const SCHEMA_VERSION = 'gg-1.0';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const isoDate = z.iso.date();

/** Korean text is required; English is optional (ko first, en second). */
const localized = (max: number) => z.object({ ko: text(max), en: optionalText(max) });
const optionalLocalized = (max: number) => z.object({ ko: optionalText(max), en: optionalText(max) }).optional();

const dataset = z.object({
  name: text(200),
  sourceBody: optionalText(200),
  kind: z.enum(keysOf(DATASET_KINDS)),
  personal: z.boolean(),
});

const outcomeIndicator = z.object({
  name: localized(200),
  unit: optionalText(40),
  values: z.array(z.object({ date: isoDate, value: z.number().finite(), note: optionalText(300) })).max(200),
});

const ethicsEntry = z.object({ level: z.enum(keysOf(ETHICS_LEVELS)), how: text(2000) });

export const disclosureSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION).default(SCHEMA_VERSION),
    name: localized(200),
    summary: localized(1000),
    department: optionalText(200),
    contact: z.object({ department: optionalText(200), phone: optionalText(40), email: z.email().max(200).optional() }),
    status: z.enum(keysOf(STATUSES)),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    field: z.enum(keysOf(FIELDS)),
    technologyTypes: z.array(z.enum(keysOf(TECH_TYPES))).min(1).max(10),
    functions: optionalLocalized(2000),
    algorithm: optionalLocalized(4000),
    vendor: optionalText(200),
    model: optionalText(200),
    purpose: localized(4000),
    data: z.object({ description: localized(4000), datasets: z.array(dataset).max(100) }),
    personalInfo: z.object({
      processesPersonal: z.boolean(),
      sensitive: z.boolean(),
      uniqueIdentifier: z.boolean(),
      legalBasis: z.array(z.enum(keysOf(LEGAL_BASES))).max(20),
      legalBasisNote: optionalText(2000),
      automatedDecision: z.boolean(),
      privacyImpactAssessment: z.enum(['done', 'not_done', 'not_required']),
    }),
    effects: localized(4000),
    outcomes: z.array(outcomeIndicator).max(20),
    ethics: z.object({
      summary: localized(4000),
      requirements: z.object(
        Object.fromEntries(keysOf(ETHICS_REQUIREMENTS).map((k) => [k, ethicsEntry.optional()])) as Record<
          keyof typeof ETHICS_REQUIREMENTS,
          z.ZodOptional<typeof ethicsEntry>
        >,
      ),
    }),
    humanOversight: localized(2000),
    objection: localized(2000),
    aiAct: z.object({
      domain: z.enum(keysOf(AI_ACT_DOMAINS)),
      effect: z.enum(keysOf(AI_ACT_EFFECTS)),
      humanInFinalDecision: z.boolean(),
      interventionPoint: optionalText(1000),
      generative: z.boolean(),
      generativeLabelling: optionalText(1000),
      measures: optionalText(4000),
    }),
    budget: z.object({ amountKrw: z.number().int().nonnegative().optional(), note: optionalText(500) }).optional(),
    programme: optionalText(300),
  })
  .superRefine((d, ctx) => {
    if (d.startDate && d.endDate && d.endDate < d.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'END_BEFORE_START' });
    }
    if (d.status === 'discontinued' && !d.endDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'END_DATE_REQUIRED' });
    }
    if (d.personalInfo.processesPersonal && d.personalInfo.legalBasis.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['personalInfo', 'legalBasis'], message: 'LEGAL_BASIS_REQUIRED' });
    }
    if (!d.personalInfo.processesPersonal && (d.personalInfo.sensitive || d.personalInfo.uniqueIdentifier)) {
      ctx.addIssue({ code: 'custom', path: ['personalInfo', 'processesPersonal'], message: 'PERSONAL_INCONSISTENT' });
    }
    if (d.technologyTypes.includes('generative') !== d.aiAct.generative) {
      ctx.addIssue({ code: 'custom', path: ['aiAct', 'generative'], message: 'GENERATIVE_INCONSISTENT' });
    }
  });

export type Disclosure = z.infer<typeof disclosureSchema>;
export type DisclosureInput = z.input<typeof disclosureSchema>;

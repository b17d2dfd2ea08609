import { AI_ACT_DOMAINS, AI_ACT_EFFECTS } from './codes.ts';
import type { Disclosure } from './disclosure.schema.ts';

export interface Classification {
  highImpact: boolean;
  generative: boolean;
  reasons: { ko: string; en: string }[];
}

/**
 * High-impact AI under the AI Framework Act as read by the January 2026 guidance: all three must
 * hold: a risk domain of the Act, a significant effect on fundamental rights or safety, and no
 * person in the final decision. The reasoning is returned so the public page can show it.
 */
export function classify(d: Pick<Disclosure, 'aiAct'>): Classification {
  const { domain, effect, humanInFinalDecision, generative } = d.aiAct;
  const inDomain = domain !== 'none';
  const significant = effect !== 'none';
  const automatic = !humanInFinalDecision;
  const reasons = [
    inDomain
      ? { ko: `법이 정한 영역에 해당: ${AI_ACT_DOMAINS[domain].ko}`, en: `In a domain of the Act: ${AI_ACT_DOMAINS[domain].en}` }
      : { ko: '법이 정한 고영향 영역에 해당하지 않음', en: 'Not in a high-impact domain of the Act' },
    significant
      ? { ko: AI_ACT_EFFECTS[effect].ko, en: AI_ACT_EFFECTS[effect].en }
      : { ko: '기본권·안전에 중대한 영향 없음', en: 'No significant effect on rights or safety' },
    automatic
      ? { ko: '사람의 최종 판단 없이 자동으로 결정', en: 'Decides automatically, no person in the final decision' }
      : { ko: '사람이 최종 결정에 관여', en: 'A person takes the final decision' },
  ];
  return { highImpact: inDomain && significant && automatic, generative, reasons };
}

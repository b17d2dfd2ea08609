/**
 * The mail that tells a resident their question has been answered (only when they left an
 * address; the ask form promises it is used for nothing else). Queued in the mail outbox, which
 * the reminder round sends by SMTP when one is configured (src/features/mail).
 */
import { createHash } from 'node:crypto';
import type { OutgoingMail } from '../mail/outbox.repository.ts';
import type { QuestionRow } from './questions.repository.ts';

const PREFIX = '[경기도 AI 등록부]';

const quote = (s: string) => s.split('\n').map((l) => `> ${l}`).join('\n');

/** One mail per question and answer text: saving the same answer again queues nothing, a corrected answer is mailed. */
export function answeredMail(q: Pick<QuestionRow, 'id' | 'publicId' | 'serviceName' | 'bodyNameKo' | 'authorName' | 'authorEmail' | 'text' | 'kind'>, answer: string, opts: { corrected: boolean; publicUrl: string }): OutgoingMail | undefined {
  if (!q.authorEmail) return undefined;
  const service = q.serviceName ?? q.publicId;
  const what = q.kind === 'error' ? '오류 신고' : '질문';
  const link = `${opts.publicUrl}/services/${q.publicId}#questions`;
  return {
    to: q.authorEmail,
    subject: `${PREFIX} 「${service}」에 보내신 ${what}에 ${opts.corrected ? '답변이 수정되었습니다' : '답변이 등록되었습니다'}`,
    dedupeKey: `question:${q.id}:answer:${createHash('sha256').update(answer).digest('hex').slice(0, 16)}`,
    text: `${q.authorName ? `${q.authorName} 님,` : '안녕하십니까,'}\n\n「${service}」(${q.bodyNameKo})에 보내신 ${what}에 ${opts.corrected ? '수정된 답변' : '답변'}이 등록되었습니다. 답변은 서비스 상세 화면의 「도민 질문과 답변」에 질문과 함께 공개됩니다 (이름과 전자우편은 공개하지 않습니다).\n\n보내신 ${what}:\n${quote(q.text)}\n\n답변:\n${quote(answer)}\n\n보기: ${link}\n\n이 주소는 답변을 알리는 데에만 썼습니다.\n— 경기도 공공부문 AI 등록부\n\n(Your question about "${service}" has ${opts.corrected ? 'a corrected answer' : 'been answered'}; it is published with the question at ${link}. Your name and email are not published.)`,
  };
}

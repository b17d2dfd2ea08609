import { href, type Lang } from '../../../platform/i18n/i18n.ts';
import { QUESTION_KINDS } from '../questions.schema.ts';

export interface PublicQuestionItem {
  kind: 'question' | 'error';
  text: string;
  answer: string;
  answeredAt: Date;
}

/**
 * The service page's "도민 질문과 답변": answered questions only, with the kind, the text, the answer
 * and the date of the answer. The sender is never shown: no name, no initial, no email.
 */
export function PublicQuestions(p: { lang: Lang; publicId: string; questions: PublicQuestionItem[] }): JSX.Element {
  const { lang } = p;
  const ko = lang === 'ko';
  const date = (x: Date) => new Date(x).toISOString().slice(0, 10);
  return (
    <section aria-labelledby="questions">
      <h2 id="questions" safe>{ko ? '도민 질문과 답변' : 'Questions and answers'}</h2>
      <p class="no-print">
        <a href={href(`/services/${p.publicId}/ask`, lang)} class="krds-btn secondary medium" safe>{ko ? '질문하기·오류 신고' : 'Ask a question or report an error'}</a>
      </p>
      {p.questions.length === 0 ? <p safe>{ko ? '아직 답변된 질문이 없습니다.' : 'No answered questions yet.'}</p> : ''}
      {p.questions.map((q) => (
        <article class="comment">
          <h3 safe>{`${QUESTION_KINDS[q.kind][lang]} · ${ko ? '답변일' : 'Answered'} ${date(q.answeredAt)}`}</h3>
          <p style="white-space:pre-line" safe>{q.text}</p>
          <p><strong safe>{ko ? '답변' : 'Answer'}</strong></p>
          <p style="white-space:pre-line" safe>{q.answer}</p>
        </article>
      ))}
    </section>
  );
}

/** Survey and review-cycle settings from the environment (see README, SMTP_URL). */
export interface SurveyConfig {
  reviewMonths: number; // REVIEW_MONTHS: a published record is due for review this long after its last review (12)
  reminderDays: number[]; // REMINDER_DAYS: reminders this many days before a deadline ("7,1")
  schedule: boolean; // run reminders inside the server every 5 minutes: REMINDERS, on by default when SMTP_URL is set
}

export const DEFAULT_SURVEY_CONFIG: SurveyConfig = { reviewMonths: 12, reminderDays: [7, 1], schedule: false };

export function surveyConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SurveyConfig {
  const months = Number(env.REVIEW_MONTHS ?? 12);
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new Error(`REVIEW_MONTHS must be a whole number of months (1–120), got "${env.REVIEW_MONTHS}"`);
  const days = (env.REMINDER_DAYS ?? '7,1').split(',').map((d) => Number(d.trim())).filter((d) => Number.isInteger(d) && d >= 0 && d <= 365);
  const flag = env.REMINDERS;
  const schedule = flag === undefined || flag === '' ? !!env.SMTP_URL : !['0', 'false', 'no', 'off'].includes(flag.toLowerCase());
  return { reviewMonths: months, reminderDays: days.length ? days : [7, 1], schedule };
}

/**
 * Pure calendar rules shared by the server and the browser: Paris wall time and calendar days, French public
 * holidays, the official school calendar (ICS), and booking/cancellation deadlines.
 */
export * from './paris-time.js';
export * from './holidays.js';
export * from './school-holidays-ics.js';
export {
  DEADLINE_MESSAGES_FR,
  SKIP_SETS,
  activityDeadlinesSchema,
  deadlineFor,
  deadlinePolicySchema,
  deadlineRuleSchema,
  decide,
  describeRule,
  formatParisInstantFr,
  formatWallTimeFr,
  isBeforeDeadline,
  type ActivityDeadlines,
  type DeadlineDecision,
  type DeadlineErrorCode,
  type DeadlineOptions,
  type DeadlineOutcome,
  type DeadlinePolicy,
  type DeadlineReason,
  type DeadlineRule,
  type DeadlineRuleKind,
  type SkipSet,
} from './deadlines.js';

/** One row per periodic job (migration 0010): the claim that lets one instance run it per period. */
export interface JobScheduleTable {
  name: string;
  /** ms since the epoch: the job is due from then on; the instance that moves it forward runs the job */
  next_run_at: number;
  /** failed runs in a row (the retry delay grows with it); 0 after a success */
  failures: number;
  /** the instance that claimed the last run (for the logs and the tests) */
  claimed_by: string | null;
  last_success_at: number | null;
}

export interface PartialDB {
  job_schedule: JobScheduleTable;
}

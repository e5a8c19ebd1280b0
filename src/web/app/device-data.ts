/**
 * What the portal keeps on this device for the offline attendance app (issue 15, src/web/staff/attendance-store.ts),
 * seen from the shell: whether there is anything, and what to do at logout. The store's code loads only when there is.
 */

/** Whether the offline attendance app keeps a store on this device (a localStorage flag set by the store). */
export function hasPointageStore(): boolean {
  try {
    return localStorage.getItem('pf-pointage') === '1';
  } catch {
    return false;
  }
}

/** Before signing out: the app's waiting marks are sent if the network allows, then its store leaves the device. */
export async function forgetDeviceDataAtLogout(): Promise<void> {
  if (!hasPointageStore()) return;
  await import('../staff/attendance-sync.js').then((m) => m.beforeLogout()).catch(() => undefined);
}

/** A field's id and name: its API path with dots replaced by '-' ("guardian1.lastName" → "guardian1-lastName"). */
export function fieldId(path: string): string {
  return path.replace(/\./g, '-');
}

import type { ListKind } from '../../../shared/child-contracts.js';

export interface ReferenceItemTable {
  id: string;
  kind: ListKind;
  label: string;
  description: string | null;
  position: number;
  /** 1 = offered to families, 0 = deactivated */
  active: number;
  /** set when staff remove the item: hidden everywhere, kept for the answers that name it */
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PartialDB {
  reference_item: ReferenceItemTable;
}

/**
 * « Êtes-vous sûr ? »: a modal that asks before an action that cannot be undone (deleting a person, a list entry).
 * Focus goes to « Annuler » first, so an Enter pressed by habit does not confirm.
 */
import { useTranslation } from 'react-i18next';
import { useEffect, useRef, type ReactNode } from 'react';
import { Button, ButtonGroup } from './button.js';
import { Dialog } from './dialog.js';

interface ConfirmDialogProps {
  title: string;
  isOpen: boolean;
  /** what will happen, in words */
  children: ReactNode;
  confirmLabel: string;
  /** default « Annuler » */
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  tone?: 'warning' | 'primary';
}

export function ConfirmDialog({ title, isOpen, children, confirmLabel, cancelLabel, onConfirm, onCancel, busy, tone = 'warning' }: ConfirmDialogProps) {
  return (
    <Dialog title={title} isOpen={isOpen} onOpenChange={(open) => !open && onCancel()}>
      {isOpen && (
        <ConfirmBody confirmLabel={confirmLabel} cancelLabel={cancelLabel} onConfirm={onConfirm} onCancel={onCancel} busy={busy} tone={tone}>
          {children}
        </ConfirmBody>
      )}
    </Dialog>
  );
}

function ConfirmBody({ children, confirmLabel, cancelLabel, onConfirm, onCancel, busy, tone }: Omit<ConfirmDialogProps, 'title' | 'isOpen'>) {
  const { t: tr } = useTranslation('common');
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // After React Aria has moved focus into the dialog (its first focusable element), choose the safe button.
    const t = window.setTimeout(() => cancel.current?.focus(), 0);
    return () => window.clearTimeout(t);
  }, []);
  return (
    <>
      <div className="dialog__body">{children}</div>
      <ButtonGroup>
        <Button variant={tone} busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <button type="button" className="button button--secondary" ref={cancel} onClick={onCancel}>
          {cancelLabel ?? tr('cancel')}
        </button>
      </ButtonGroup>
    </>
  );
}

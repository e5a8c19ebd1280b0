/**
 * A modal dialog (React Aria): focus moves in and stays in, Escape or « Annuler » closes it, focus returns to the
 * button that opened it.
 */
import type { ReactNode } from 'react';
import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

interface DialogProps {
  title: string;
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  children: ReactNode;
  /** a dialog that asks for something may not be dismissed by clicking outside by mistake */
  dismissable?: boolean;
  /** a window holding a table (an invoice's lines): wide enough for its columns (issue 17) */
  wide?: boolean;
}

export function Dialog({ title, isOpen, onOpenChange, children, dismissable = false, wide = false }: DialogProps) {
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={dismissable} isKeyboardDismissDisabled={false}>
      <Modal className={wide ? 'modal modal--wide' : 'modal'}>
        <AriaDialog className="dialog">
          <Heading slot="title">{title}</Heading>
          {children}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}

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
}

export function Dialog({ title, isOpen, onOpenChange, children, dismissable = false }: DialogProps) {
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={dismissable} isKeyboardDismissDisabled={false}>
      <Modal className="modal">
        <AriaDialog className="dialog">
          <Heading slot="title">{title}</Heading>
          {children}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}

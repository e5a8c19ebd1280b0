import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Link } from '../app/router.js';

type Variant = 'primary' | 'secondary' | 'warning' | 'link';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  /** shows the button as busy and ignores clicks while a request runs */
  busy?: boolean;
}

export function Button({ variant = 'primary', busy = false, type = 'button', className, children, onClick, ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={[`button button--${variant}`, className].filter(Boolean).join(' ')}
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      onClick={(e) => {
        if (busy) {
          e.preventDefault();
          return;
        }
        onClick?.(e);
      }}
    >
      {children}
    </button>
  );
}

/** A link that looks like a button (« Créer mon compte »): it navigates, so it stays a link. */
export function ButtonLink({ to, variant = 'primary', children }: { to: string; variant?: Exclude<Variant, 'link'>; children: ReactNode }) {
  return (
    <Link to={to} className={`button button--${variant}`} draggable={false}>
      {children}
    </Link>
  );
}

/** The row of actions under a form. */
export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="button-group">{children}</div>;
}

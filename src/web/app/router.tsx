/**
 * A small History-API router: the URL is the state, links are real <a href>, and a one-shot "flash" message can
 * travel with a navigation (shown by the next page in a role=status region).
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export interface Location {
  pathname: string;
  search: string;
  /** bumps on every in-app navigation; 0 for the page the browser loaded */
  key: number;
  flash: string | null;
}

let navigations = 0;
let current: Location = read();
const listeners = new Set<() => void>();

function read(): Location {
  const state = (window.history.state ?? {}) as { flash?: string };
  return {
    pathname: window.location.pathname.replace(/(.)\/+$/, '$1'),
    search: window.location.search,
    key: navigations,
    flash: typeof state.flash === 'string' ? state.flash : null,
  };
}

function emit(): void {
  current = read();
  for (const l of listeners) l();
}

window.addEventListener('popstate', () => {
  navigations += 1;
  emit();
});

export function navigate(to: string, opts: { replace?: boolean; flash?: string } = {}): void {
  navigations += 1;
  const state = opts.flash ? { flash: opts.flash } : {};
  if (opts.replace) window.history.replaceState(state, '', to);
  else window.history.pushState(state, '', to);
  window.scrollTo(0, 0);
  emit();
}

/** Forgets the flash message of the current history entry so a reload does not show it again. */
export function consumeFlash(): void {
  if (window.history.state?.flash) window.history.replaceState({}, '', window.location.href);
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, () => current);
}

export function useSearchParam(name: string): string | null {
  const { search } = useLocation();
  return new URLSearchParams(search).get(name);
}

/** Matches "/agent/familles/:familyId" against a path; returns the params or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = pathname.split('/');
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) {
      if (!s[i]) return null;
      params[p[i].slice(1)] = decodeURIComponent(s[i]);
    } else if (p[i] !== s[i]) return null;
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An in-app link: a real anchor (middle-click, copy link work) that navigates without reloading. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  function handle(e: MouseEvent<HTMLAnchorElement>) {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  }
  return <a href={to} onClick={handle} {...rest} />;
}

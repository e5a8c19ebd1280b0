/**
 * « Légende »: a disclosure button that shows what every icon means. It opens on hover (the guide: « visible en
 * survolant le bouton »), on keyboard focus, and stays open when clicked or tapped (phones have no hover); Escape
 * closes it. The panel is part of the page (no popover), so screen readers reach it in reading order.
 *
 * Issue 17: the panel floats under the button (booking.css) instead of re-flowing the row — the button jumped 443 px
 * and the click meant for it landed elsewhere. Opened by the mouse over the button it is a « peek » that lets the
 * pointer through to what lies beneath; pinned by a click, it stays until a second click, Escape or a click outside.
 */
import { useTranslation } from 'react-i18next';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { StateIcon, type IconKind } from './state-icon.js';

export interface LegendItem {
  icon: IconKind;
  label: string;
  description?: ReactNode;
}

export function Legend({ items, title, extra }: { items: LegendItem[]; title?: string; extra?: ReactNode }) {
  const { t } = useTranslation('common');
  const id = useId();
  const [pinned, setPinned] = useState(false);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const open = pinned || hovered || focused;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!pinned) return;
    const outside = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setPinned(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [pinned]);
  return (
    <div
      ref={box}
      className="legend"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setPinned(false);
          setHovered(false);
          setFocused(false);
        }
      }}
    >
      <button
        type="button"
        className="button button--secondary button--small legend__button"
        onPointerEnter={(e) => e.pointerType === 'mouse' && setHovered(true)}
        onPointerLeave={(e) => e.pointerType === 'mouse' && setHovered(false)}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => {
          // the hover a mouse click always brings first is left out: whether React has rendered it yet or not, a
          // click on a closed-but-hovered legend pins it open (keyboard: Enter on the focus-opened legend closes it)
          setPinned(!(pinned || focused));
          setHovered(false);
          setFocused(false);
        }}
        onFocus={(e) => {
          // keyboard focus only: a click focuses too, and then toggles
          if (e.target.matches(':focus-visible')) setFocused(true);
        }}
        onBlur={() => setFocused(false)}
      >
        <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="18" height="18" className="legend__info">
          <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M12 10.5v6.5M12 7v.5" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
        </svg>
        {title ?? t('legend.title')}
      </button>
      <div id={id} className={pinned ? 'legend__panel' : 'legend__panel legend__panel--peek'} hidden={!open}>
        <ul className="legend__list">
          {items.map((item) => (
            <li key={item.label} className="legend__item">
              <StateIcon kind={item.icon} />
              <span>
                <strong>{item.label}</strong>
                {item.description && <> : {item.description}</>}
              </span>
            </li>
          ))}
        </ul>
        {extra}
      </div>
    </div>
  );
}

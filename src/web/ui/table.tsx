import { useId, type ReactNode } from 'react';

interface TableProps {
  caption: ReactNode;
  /** hide the caption visually (the page heading already says it) */
  captionHidden?: boolean;
  head: ReactNode[];
  children: ReactNode;
}

/** A data table in a keyboard-scrollable region so narrow screens scroll the table, not the page. */
export function Table({ caption, captionHidden, head, children }: TableProps) {
  const id = useId();
  return (
    <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="table">
        <caption id={id} className={captionHidden ? 'visually-hidden' : 'table__caption'}>
          {caption}
        </caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th scope="col" key={i}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

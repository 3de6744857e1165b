/**
 * Small building blocks with the NL Design System (Utrecht) class names, so
 * pages read as structure and every table gets its caption and scrollable frame.
 */
import type { Child } from 'hono/jsx';

type HeadingLevel = 1 | 2 | 3 | 4;

export function Heading({ level, id, children }: { level: HeadingLevel; id?: string; children?: Child }) {
  const className = `utrecht-heading-${level}`;
  switch (level) {
    case 1:
      return (
        <h1 class={className} id={id}>
          {children}
        </h1>
      );
    case 2:
      return (
        <h2 class={className} id={id}>
          {children}
        </h2>
      );
    case 3:
      return (
        <h3 class={className} id={id}>
          {children}
        </h3>
      );
    default:
      return (
        <h4 class={className} id={id}>
          {children}
        </h4>
      );
  }
}

export function Paragraph({ lead = false, class: extra, children }: { lead?: boolean; class?: string; children?: Child }) {
  const classes = ['utrecht-paragraph', lead ? 'utrecht-paragraph--lead' : '', extra ?? ''].filter(Boolean).join(' ');
  return <p class={classes}>{children}</p>;
}

export function Link({ href, current = false, children }: { href: string; current?: boolean; children?: Child }) {
  return (
    <a class="utrecht-link utrecht-link--html-a" href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

export function UnorderedList({ children }: { children?: Child }) {
  return <ul class="utrecht-unordered-list utrecht-unordered-list--distanced">{children}</ul>;
}

export function ListItem({ children }: { children?: Child }) {
  return <li class="utrecht-unordered-list__item">{children}</li>;
}

/**
 * A table with its caption, in a frame that scrolls sideways on small screens.
 * The frame is focusable and named so keyboard users can scroll it too.
 */
export function Table({ caption, hideCaption = false, children }: { caption: string; hideCaption?: boolean; children?: Child }) {
  return (
    <section class="koers-table-container" aria-label={caption} tabindex={0}>
      <table class="utrecht-table utrecht-table--html-table">
        <caption class={hideCaption ? 'utrecht-table__caption koers-visually-hidden' : 'utrecht-table__caption'}>{caption}</caption>
        {children}
      </table>
    </section>
  );
}

/** The header row of a table: one column header per label. */
export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead class="utrecht-table__header">
      <tr class="utrecht-table__row">
        {columns.map((label) => (
          <th class="utrecht-table__header-cell" scope="col">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function TableBody({ children }: { children?: Child }) {
  return <tbody class="utrecht-table__body">{children}</tbody>;
}

export function Row({ children }: { children?: Child }) {
  return <tr class="utrecht-table__row">{children}</tr>;
}

/** The cell that names its row, read out by screen readers with every other cell. */
export function RowHeader({ children }: { children?: Child }) {
  return (
    <th class="utrecht-table__header-cell" scope="row">
      {children}
    </th>
  );
}

export function Cell({ colspan, children }: { colspan?: number; children?: Child }) {
  return (
    <td class="utrecht-table__cell" colspan={colspan}>
      {children}
    </td>
  );
}

/** Names joined into one line, such as the partners of an activity. */
export function joinChildren(items: Child[], separator: string): Child[] {
  return items.flatMap((item, index) => (index === 0 ? [item] : [separator, item]));
}

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
 * A table with its caption. Below 640 px every row becomes a card: the row
 * header (or the key cell) on top, then each value under its column's name
 * (the cell's data-label, shown by koers.css), so nothing needs sideways
 * scrolling. On wider screens the frame scrolls when a table is wider than the
 * page; it is focusable and named so keyboard users can scroll it too.
 */
export function Table({
  caption,
  hideCaption = false,
  cardsOnPhone = true,
  children,
}: {
  caption: string;
  hideCaption?: boolean;
  /** False for a narrow table of short values that fits a phone as it is, its key column first. */
  cardsOnPhone?: boolean;
  children?: Child;
}) {
  return (
    <section class={cardsOnPhone ? 'koers-table-container koers-cards' : 'koers-table-container'} aria-label={caption} tabindex={0}>
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

/**
 * A data cell with the name of its column as `label`, which a phone shows above
 * the value when the row is a card. `isKey` marks the cell that names the row
 * where it is not a row header (an activity): it heads the card.
 */
export function Cell({ label, isKey = false, colspan, children }: { label: string; isKey?: boolean; colspan?: number; children?: Child }) {
  return (
    <td class={isKey ? 'utrecht-table__cell koers-table__key' : 'utrecht-table__cell'} data-label={label} colspan={colspan}>
      {children}
    </td>
  );
}

/** Names joined into one line, such as the partners of an activity. */
export function joinChildren(items: Child[], separator: string): Child[] {
  return items.flatMap((item, index) => (index === 0 ? [item] : [separator, item]));
}

/**
 * The footnotes of one table: each cause once, numbered in the order the
 * table first refers to it. Take the numbers (`refer`) in the component that
 * also renders the <FootnoteList>, before it, so the list is complete however
 * the tree is rendered.
 */
export class Footnotes {
  readonly texts: string[] = [];

  constructor(private readonly idPrefix: string) {}

  /** The numbers of the notes with these texts, each added when it is new. */
  refer(texts: readonly string[]): number[] {
    const numbers = texts.map((text) => {
      const index = this.texts.indexOf(text);
      if (index >= 0) return index + 1;
      this.texts.push(text);
      return this.texts.length;
    });
    return [...new Set(numbers)];
  }

  id(number: number): string {
    return `${this.idPrefix}-noot-${number}`;
  }
}

/**
 * A figure that cannot be given: a dash and a reference to the footnote of each
 * cause. Screen readers hear `noValue` and `footnote` ("voetnoot") before the number.
 */
export function NoValue({ notes, numbers, noValue, footnote }: { notes: Footnotes; numbers: number[]; noValue: string; footnote: string }) {
  return (
    <span class="koers-no-value">
      <span aria-hidden="true">–</span>
      <span class="koers-visually-hidden">{noValue}</span>
      {numbers.map((number) => (
        <sup class="koers-footnote-ref">
          <a class="utrecht-link utrecht-link--html-a" href={`#${notes.id(number)}`}>
            <span class="koers-visually-hidden">{footnote}</span>
            {String(number)}
          </a>
        </sup>
      ))}
    </span>
  );
}

/** The footnotes of a table, below it; nothing when no cell referred to one. */
export function FootnoteList({ notes, label }: { notes: Footnotes; label: string }) {
  if (notes.texts.length === 0) return null;
  return (
    <ol class="koers-footnotes" aria-label={label}>
      {notes.texts.map((text, index) => (
        <li id={notes.id(index + 1)}>{text}</li>
      ))}
    </ol>
  );
}

/** The link to a table's CSV file, below the table; not printed (the table itself is). */
export function CsvLink({ href, children }: { href: string; children?: Child }) {
  return (
    <p class="utrecht-paragraph koers-download">
      <a class="utrecht-link utrecht-link--html-a" href={href} download>
        {children}
      </a>
    </p>
  );
}

/**
 * Error pages for people (404, 400, 500), in the same layout as every page.
 * The API answers with problem+json instead; whoever handles errors picks one.
 */
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { Heading, Link, ListItem, Paragraph, UnorderedList } from './components.js';
import { Layout, renderDocument } from './layout.js';
import { type Messages, messagesFor } from './messages.js';

/**
 * A whole error page. Lines after the first line of `detail` (and `details`)
 * become a list, so a handler can pass every invalid field in one string.
 */
export function renderErrorPage(
  status: number,
  title: string,
  detail: string,
  details: string[] = [],
  m: Messages = messagesFor(),
  /** A way back nearer than the list of plans (such as the plan being edited), shown above it. */
  back?: { href: string; label: string },
): string {
  const [lead = '', ...more] = detail.split('\n');
  const lines = [...more, ...details].filter((line) => line.trim() !== '');
  return renderDocument(
    <Layout m={m} title={title}>
      <Heading level={1}>{title}</Heading>
      <Paragraph lead>{lead}</Paragraph>
      {lines.length > 0 && (
        <UnorderedList>
          {lines.map((line) => (
            <ListItem>{line}</ListItem>
          ))}
        </UnorderedList>
      )}
      <Paragraph class="koers-error-code">{m.errors.code(status)}</Paragraph>
      {back && (
        <Paragraph>
          <Link href={back.href}>{back.label}</Link>
        </Paragraph>
      )}
      <Paragraph>
        <Link href="/">{m.errors.backHome}</Link>
      </Paragraph>
    </Layout>,
  );
}

/**
 * The page for an error thrown while making a page: NotFoundError -> 404,
 * ValidationError -> 400 naming every wrong value, anything else -> 500 without
 * internals (the caller logs those).
 */
export function errorPageFor(error: unknown, m: Messages = messagesFor()): { status: 400 | 404 | 500; html: string } {
  if (error instanceof NotFoundError) {
    return { status: 404, html: renderErrorPage(404, m.errors.notFoundThing(error.what), m.errors.notFoundThingDetail(error.what), [], m) };
  }
  if (error instanceof ValidationError) {
    const lines = error.problems.map((problem) => `${problem.path}: ${problem.message}`);
    return { status: 400, html: renderErrorPage(400, m.errors.badRequestTitle, error.message, lines, m) };
  }
  return { status: 500, html: renderErrorPage(500, m.errors.serverErrorTitle, m.errors.serverErrorDetail, [], m) };
}

/** The page for an address that matches no route. */
export function notFoundPage(m: Messages = messagesFor()): string {
  return renderErrorPage(404, m.errors.notFoundTitle, m.errors.notFoundDetail, [], m);
}

import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { errorPageFor, notFoundPage, renderErrorPage } from './error-page.js';

describe('renderErrorPage', () => {
  it('renders a whole Dutch page in the layout with the title as h1 and the status in words', () => {
    const html = renderErrorPage(404, 'Pagina niet gevonden', 'Deze pagina bestaat niet.');
    expect(html.startsWith('<!DOCTYPE html><html lang="nl"')).toBe(true);
    expect(html).toContain('<title>Pagina niet gevonden - Koers</title>');
    expect(html).toContain('<h1 class="utrecht-heading-1">Pagina niet gevonden</h1>');
    expect(html).toContain('Foutcode 404');
    expect(html).toContain('href="#inhoud"');
  });

  it('lists the lines after the first line of the detail', () => {
    const html = renderErrorPage(400, 'Ongeldige invoer', 'Ongeldig filter\nthema: onbekend\npartner: onbekend');
    expect(html).toContain('<p class="utrecht-paragraph utrecht-paragraph--lead">Ongeldig filter</p>');
    expect(html).toContain('<li class="utrecht-unordered-list__item">thema: onbekend</li>');
    expect(html).toContain('<li class="utrecht-unordered-list__item">partner: onbekend</li>');
  });

  it('escapes text, so a detail cannot inject markup', () => {
    expect(renderErrorPage(400, 'Fout', '<script>alert(1)</script>')).not.toContain('<script>');
  });
});

describe('errorPageFor', () => {
  it('turns a NotFoundError into a 404 page naming what was not found', () => {
    const { status, html } = errorPageFor(new NotFoundError('Thema', 'abc'));
    expect(status).toBe(404);
    expect(html).toContain('Thema niet gevonden');
  });

  it('turns a ValidationError into a 400 page listing every problem', () => {
    const { status, html } = errorPageFor(
      new ValidationError('Ongeldig filter', [
        { path: 'thema', message: 'onbekend' },
        { path: 'partner', message: 'ook onbekend' },
      ]),
    );
    expect(status).toBe(400);
    expect(html).toContain('thema: onbekend');
    expect(html).toContain('partner: ook onbekend');
  });

  it('turns anything else into a 500 page without internals', () => {
    const { status, html } = errorPageFor(new Error('database wachtwoord onjuist'));
    expect(status).toBe(500);
    expect(html).not.toContain('wachtwoord');
    expect(html).toContain('Er ging iets mis');
  });
});

describe('notFoundPage', () => {
  it('is the page for an address that matches no route', () => {
    expect(notFoundPage()).toContain('Pagina niet gevonden');
  });
});

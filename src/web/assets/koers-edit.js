// The edit page of a plan with JavaScript. Without it every list has its
// move buttons and every element its own form page; with it:
// - each row of a list gets a handle to drag it, or to move it with the
//   arrow keys (announced in the live region), and the new order is saved
//   at once to the same address the move buttons post to;
// - a row of an activities table becomes the activity's own form when its
//   "Wijzigen" link is followed: the form is fetched from its page, sent with
//   fetch to the same address, and comes back either as the new row or, with
//   its problems beside the fields, as the form again, in the row.
// Texts come from the page (data-tekst-*), so they follow its language.
(() => {
  const editor = document.querySelector('[data-koers-editor]');
  if (!editor) return;
  const live = editor.querySelector('[data-koers-live]');
  const text = (name, values = {}) =>
    (editor.getAttribute(`data-tekst-${name}`) || '').replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ''));
  const announce = (message) => {
    if (!live) return;
    live.textContent = '';
    window.setTimeout(() => {
      live.textContent = message;
    }, 50);
  };
  const csrf = () => editor.querySelector('input[name="_csrf"]')?.value || '';
  let version = Number(editor.getAttribute('data-versie'));

  // Every form on the page was made on the page's version. When a change made
  // here is the only change since, they are all current again; when someone
  // else changed the plan in between, they keep their version, so a form
  // about what the other changed still meets that change.
  const changedFrom = (from, to) => {
    if (from !== version || (to !== from && to !== from + 1)) return;
    version = to;
    editor.setAttribute('data-versie', String(to));
    for (const input of editor.querySelectorAll('input[name="versie"]')) input.value = String(to);
  };

  // The reason an answer gives: its first paragraph (an error page's lead) or its status.
  const reasonOf = async (response) => {
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    return page.querySelector('main .utrecht-paragraph--lead, main .utrecht-paragraph')?.textContent?.trim() || String(response.status);
  };

  // ---------------------------------------------------------------------------
  // Reordering by drag and by keyboard

  const rowsOf = (body) => [...body.querySelectorAll(':scope > tr[data-sleutel]')];
  const saving = new WeakMap();

  const messageBefore = (body, message) => {
    const frame = body.closest('.koers-table-container') || body.closest('table');
    let note = frame.previousElementSibling;
    if (!note?.classList.contains('koers-inline-message')) {
      note = document.createElement('p');
      note.className = 'utrecht-paragraph koers-inline-message';
      note.setAttribute('role', 'alert');
      frame.before(note);
    }
    note.textContent = message;
  };

  const saveOrder = (body) => {
    const previous = saving.get(body) || Promise.resolve();
    const next = previous.then(async () => {
      const sent = version;
      const data = new FormData();
      data.set('_csrf', csrf());
      data.set('versie', String(sent));
      data.set('soort', body.getAttribute('data-soort') || '');
      data.set('ouder', body.getAttribute('data-ouder') || '');
      data.set(
        'volgorde',
        rowsOf(body)
          .map((row) => row.getAttribute('data-sleutel'))
          .join(','),
      );
      try {
        const response = await fetch(editor.getAttribute('data-volgorde-url'), {
          method: 'POST',
          body: data,
          credentials: 'same-origin',
          headers: { Accept: 'application/json' },
        });
        if (!response.ok) throw new Error(await reasonOf(response));
        changedFrom(sent, (await response.json()).versie);
      } catch (error) {
        const message = text('verplaatsen-mislukt', { reden: error instanceof Error ? error.message : '' });
        messageBefore(body, message);
        announce(message);
      }
    });
    saving.set(body, next);
  };

  const moved = (body, row) => {
    const rows = rowsOf(body);
    announce(text('plaats', { naam: row.getAttribute('data-naam'), plaats: rows.indexOf(row) + 1, aantal: rows.length }));
    saveOrder(body);
  };

  const addHandle = (body, row) => {
    const actions = row.querySelector('.koers-row-actions');
    if (!actions || actions.querySelector('.koers-drag-handle')) return;
    const handle = document.createElement('button');
    handle.type = 'button';
    handle.className = 'utrecht-button utrecht-button--subtle koers-drag-handle';
    handle.setAttribute('aria-label', text('verplaats', { naam: row.getAttribute('data-naam') }));
    handle.setAttribute('aria-describedby', 'verplaats-uitleg');
    const icon = document.createElement('span');
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = '↕';
    handle.append(icon);
    actions.prepend(handle);
    handle.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
      event.preventDefault();
      const rows = rowsOf(body);
      const index = rows.indexOf(row);
      const target = rows[event.key === 'ArrowUp' ? index - 1 : index + 1];
      if (!target) return;
      if (event.key === 'ArrowUp') target.before(row);
      else target.after(row);
      handle.focus();
      moved(body, row);
    });
    // Only the handle starts a drag, so text in the row stays selectable; the row is what moves.
    handle.draggable = true;
    handle.addEventListener('dragstart', (event) => {
      body.koersDragged = row;
      body.koersKeys = rowsOf(body)
        .map((each) => each.getAttribute('data-sleutel'))
        .join(',');
      row.classList.add('koers-row--dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', row.getAttribute('data-sleutel'));
      event.dataTransfer.setDragImage(row, 16, 16);
    });
    handle.addEventListener('dragend', () => {
      row.classList.remove('koers-row--dragging');
      body.koersDragged = null;
      const keys = rowsOf(body)
        .map((each) => each.getAttribute('data-sleutel'))
        .join(',');
      if (keys !== body.koersKeys) moved(body, row);
    });
  };

  const makeSortable = (body) => {
    if (rowsOf(body).length < 2) return;
    body.classList.add('koers-sortable--js');
    for (const row of rowsOf(body)) addHandle(body, row);
    body.addEventListener('dragover', (event) => {
      const dragged = body.koersDragged;
      const over = event.target instanceof Element ? event.target.closest('tr[data-sleutel]') : null;
      if (!dragged || !over || over.parentElement !== body) return;
      event.preventDefault();
      if (over === dragged) return;
      const box = over.getBoundingClientRect();
      if (event.clientY > box.top + box.height / 2) over.after(dragged);
      else over.before(dragged);
    });
    body.addEventListener('drop', (event) => {
      if (body.koersDragged) event.preventDefault();
    });
  };

  for (const body of editor.querySelectorAll('tbody[data-koers-sortable]')) makeSortable(body);

  // ---------------------------------------------------------------------------
  // An activity changed in its row

  let open = null;

  const close = (focusLink) => {
    if (!open) return;
    const { row, cells } = open;
    row.replaceChildren(...cells);
    open = null;
    if (focusLink) row.querySelector('a[data-koers-inline-edit]')?.focus();
  };

  // What a form page shows above its form (the problems, a conflict) and the form itself.
  const partsOf = (html) => {
    const page = new DOMParser().parseFromString(html, 'text/html');
    const form = page.querySelector('form[data-koers-element-form]');
    const notes = [...page.querySelectorAll('main .koers-conflict, main .koers-error-summary')];
    return { form, notes, title: page.querySelector('main h1')?.textContent?.trim() || '' };
  };

  const show = (row, parts) => {
    const cell = row.querySelector('.koers-inline-cell');
    const form = document.importNode(parts.form, true);
    form.setAttribute('aria-label', parts.title);
    const title = document.createElement('p');
    title.className = 'utrecht-paragraph koers-inline-title';
    title.textContent = parts.title;
    cell.replaceChildren(title, ...parts.notes.map((note) => document.importNode(note, true)), form);
    const summary = cell.querySelector('.koers-error-summary, .koers-conflict');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      send(row, form, event.submitter);
    });
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') close(true);
    });
    for (const link of form.querySelectorAll('.koers-form-actions a')) {
      link.addEventListener('click', (event) => {
        event.preventDefault();
        close(true);
      });
    }
    if (summary) {
      summary.setAttribute('tabindex', '-1');
      summary.focus();
    } else form.querySelector('input:not([type="hidden"]), select, textarea')?.focus();
  };

  const problem = (row, message) => {
    const cell = row.querySelector('.koers-inline-cell');
    let note = cell.querySelector(':scope > .koers-inline-message');
    if (!note) {
      note = document.createElement('p');
      note.className = 'utrecht-paragraph koers-inline-message';
      note.setAttribute('role', 'alert');
      cell.prepend(note);
    }
    note.textContent = message;
  };

  const send = async (row, form, submitter) => {
    const sent = Number(form.querySelector('input[name="versie"]')?.value);
    let response;
    try {
      response = await fetch(form.action, {
        method: 'POST',
        body: new FormData(form, submitter || undefined),
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      });
    } catch (error) {
      problem(row, text('wijzigen-mislukt', { reden: error instanceof Error ? error.message : '' }));
      return;
    }
    if ((response.headers.get('Content-Type') || '').includes('application/json')) {
      const answer = await response.json();
      if (answer.verplaatst || !answer.rij) {
        window.location.reload();
        return;
      }
      const holder = document.createElement('tbody');
      holder.innerHTML = answer.rij;
      const fresh = holder.querySelector('tr');
      const body = row.parentElement;
      open = null;
      row.replaceWith(fresh);
      changedFrom(sent, answer.versie);
      if (body.classList.contains('koers-sortable--js')) addHandle(body, fresh);
      watch(fresh);
      fresh.querySelector('a[data-koers-inline-edit]')?.focus();
      announce(text('opgeslagen', { naam: answer.naam || fresh.getAttribute('data-naam') }));
      return;
    }
    const html = await response.text();
    const parts = partsOf(html);
    if (parts.form) show(row, parts);
    else {
      const page = new DOMParser().parseFromString(html, 'text/html');
      const reason = page.querySelector('main .utrecht-paragraph--lead')?.textContent?.trim() || String(response.status);
      problem(row, text('wijzigen-mislukt', { reden: reason }));
    }
  };

  const edit = async (row, url) => {
    close(false);
    let parts;
    try {
      const response = await fetch(url, { credentials: 'same-origin' });
      parts = partsOf(await response.text());
    } catch {
      parts = {};
    }
    if (!parts.form) {
      window.location.href = url;
      return;
    }
    const cells = [...row.children];
    const cell = document.createElement('td');
    cell.className = 'utrecht-table__cell koers-inline-cell';
    cell.colSpan = cells.length;
    row.replaceChildren(cell);
    open = { row, cells };
    show(row, parts);
  };

  const watch = (scope) => {
    for (const link of scope.querySelectorAll('a[data-koers-inline-edit]')) {
      if (!link.closest('tbody[data-koers-inline]')) continue;
      link.addEventListener('click', (event) => {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        edit(link.closest('tr'), link.href);
      });
    }
  };
  watch(editor);
})();

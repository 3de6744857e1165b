/**
 * Keys (sleutels): the stable names elements of a plan carry within it, such as
 * "buurtbemiddeling" or "prioriteit-1". A key is made once, from the element's
 * name when a document gives none, and never changes after: export, import,
 * copy and revision keep it, so an element is recognised by it everywhere.
 */

export const KEY_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_KEY_LENGTH = 60;

export function isKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

/** "Veilige Publieke Taak (VPT)" -> "veilige-publieke-taak-vpt"; a name without letters or digits gives "onderdeel". */
export function keyFromName(name: string, fallback = 'onderdeel'): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = slug.length > MAX_KEY_LENGTH ? slug.slice(0, MAX_KEY_LENGTH).replace(/-[^-]*$/, '') || slug.slice(0, MAX_KEY_LENGTH) : slug;
  return cut.replace(/-+$/, '') || fallback;
}

/** The first of `base`, `base-2`, `base-3`, ... that is not taken; the key returned is added to `taken`. */
export function uniqueKey(base: string, taken: Set<string>): string {
  let key = base;
  for (let counter = 2; taken.has(key); counter++) key = `${base}-${counter}`;
  taken.add(key);
  return key;
}

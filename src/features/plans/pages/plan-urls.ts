/** Addresses of the plan pages, in one place so links and routes cannot drift apart. */

export const planListUrl = () => '/';
export const planUrl = (planId: string) => `/plannen/${planId}`;
export const coverageUrl = (planId: string) => `${planUrl(planId)}/dekking`;
export const themeUrl = (planId: string, themeId: string) => `${planUrl(planId)}/themas/${themeId}`;
export const implementationUrl = (planId: string) => `${planUrl(planId)}/uitvoeringsplan`;
export const partnersUrl = (planId: string) => `${planUrl(planId)}/partners`;
export const partnerUrl = (planId: string, partnerKey: string) => `${partnersUrl(planId)}/${encodeURIComponent(partnerKey)}`;
export const indicatorsUrl = (planId: string) => `${planUrl(planId)}/indicatoren`;
/** The implementation plan as CSV, with the page's filter as query parameters. */
export const implementationCsvUrl = (planId: string, query: Record<string, string | undefined> = {}) =>
  withQuery(`${implementationUrl(planId)}.csv`, query);
export const indicatorsCsvUrl = (planId: string) => `${indicatorsUrl(planId)}.csv`;

/** A path with the given query parameters; absent and empty values are left out. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

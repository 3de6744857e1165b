/** Addresses of the plan pages, in one place so links and routes cannot drift apart. */

export const planListUrl = () => '/';
export const planUrl = (planId: string) => `/plannen/${planId}`;
export const coverageUrl = (planId: string) => `${planUrl(planId)}/dekking`;
export const themeUrl = (planId: string, themeId: string) => `${planUrl(planId)}/themas/${themeId}`;
export const implementationUrl = (planId: string) => `${planUrl(planId)}/uitvoeringsplan`;
export const partnersUrl = (planId: string) => `${planUrl(planId)}/partners`;
export const partnerUrl = (planId: string, partnerKey: string) => `${partnersUrl(planId)}#${partnerKey}`;
export const indicatorsUrl = (planId: string) => `${planUrl(planId)}/indicatoren`;

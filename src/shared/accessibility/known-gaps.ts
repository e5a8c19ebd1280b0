/**
 * What the project knows is not accessible yet, kept by hand (the « Déclaration d'accessibilité » lists it under
 * « Contenus non accessibles »; the sentences are in the `accessibility` catalogue, `gaps.items.<id>`). Remove a line
 * when it is fixed, add one when a gap is found: the page's compliance state follows.
 */
export const KNOWN_GAPS = [
  // billing.pdf.ts, attendance and certificates PDFs: pdfkit output without structure tags
  { id: 'pdf', criteria: ['13.3'] },
  // sessions end after SESSION_IDLE_MINUTES without warning nor a way to extend (no client-side timer)
  { id: 'sessionTimeout', criteria: ['13.1'] },
] as const;

/** Content outside the obligation (third-party content, another administration's service). */
export const EXEMPT_CONTENT = ['uploads', 'payfip'] as const;

export type KnownGap = (typeof KNOWN_GAPS)[number];

/**
 * The catalogue's namespaces, one per area of the portal so that a page loads only the words it shows:
 * - common: the page frame, shared widgets, formats; labels: the enums' words (both sides); errors: error sentences;
 * - auth: the pages before signing in; family: the family's area; staff, staffAdmin: the staff's area;
 * - mail, pdf, server: what the server writes (e-mails, invoices, exports);
 * - members (one login per parent), households (separated parents), signin (FranceConnect), security (staff
 *   two-factor login, sessions): issue 11's pages; money (issue 13): direct debit, reminders, debt, certificates;
 * - quotient (issue 15): the family quotient from the CAF; accessibility: the « Déclaration d'accessibilité » page.
 * - stats (issue 15): the statistics page for staff and its exports (CSV, xlsx, PDF).
 */
export const NAMESPACES = ['common', 'auth', 'family', 'staff', 'staffAdmin', 'errors', 'labels', 'mail', 'pdf', 'server', 'members', 'households', 'signin', 'security', 'money', 'campaigns', 'messages', 'quotient', 'accessibility', 'stats', 'attendance'] as const;
export type Namespace = (typeof NAMESPACES)[number];

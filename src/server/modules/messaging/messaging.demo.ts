import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { addDays, parisDateOf } from '../../../shared/calendar/paris-time.js';
import { saveTemplate, staffReply, startThread } from './messaging.threads.js';
import { saveNews } from './messaging.announcements.js';

/**
 * Demo data of the messages (issue 14): two answer templates, a news item on the families' home, and the demo
 * family's question about the canteen with the agent's answer waiting to be read — so that a newcomer sees the
 * unread block, the thread with « Lu », the staff inbox and its templates at once.
 */
export async function seedMessagesDemo(
  ctx: AppContext,
  family: { familyId: string; accountId: string; name: string },
  agent: { id: string; email: string; name: string },
): Promise<void> {
  await saveTemplate(ctx, agent, null, {
    title: 'Document bien reçu',
    body: 'Bonjour,\n\nNous avons bien reçu votre document ; nos services le contrôlent dans la semaine.\n\nBien cordialement,\nLe service Enfance',
  });
  await saveTemplate(ctx, agent, null, {
    title: 'Menus de la cantine',
    body: 'Bonjour,\n\nLes menus de la cantine sont affichés à l’entrée de l’école et publiés chaque mois sur le site de la ville.\n\nBien cordialement,\nLe service Enfance',
  });
  const today = parisDateOf(ctx.clock.now());
  await saveNews(ctx, agent, null, {
    title: 'Inscriptions aux vacances d’été',
    body: 'Les réservations pour les vacances d’été sont ouvertes. Pensez à transmettre l’attestation d’assurance extrascolaire avant de réserver.',
    publishFrom: today,
    publishUntil: addDays(today, 60),
  });
  const thread = await startThread(ctx, family, {
    topicId: 'topic-1',
    subject: 'Repas sans porc à la cantine',
    body: 'Bonjour,\n\nEst-il possible de demander des repas sans porc pour Lucas à la cantine ?\n\nMerci,\nClaire Martin',
    clientKey: `demo-${randomUUID()}`,
    files: [],
  });
  // the family read its question a minute before the answer came
  await ctx.db.updateTable('message_read').set({ read_at: new Date(ctx.clock.now().getTime() - 60_000).toISOString() }).where('thread_id', '=', thread.id).execute();
  await staffReply(ctx, agent, thread.id, {
    body: 'Bonjour Madame Martin,\n\nOui : indiquez le régime « sans porc » dans la fiche de Lucas (rubrique Santé et régime), la cantine en sera informée.\n\nBien cordialement,\nMarc Petit, service Enfance',
    internal: false,
    clientKey: `demo-${randomUUID()}`,
  });
}

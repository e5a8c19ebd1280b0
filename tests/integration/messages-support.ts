import { randomUUID } from 'node:crypto';
import type { TestApp, TestClient } from '../support/app.js';
import { multipart, postRaw } from './document-support.js';

/** A key for one click (a new thread, a message). */
export function clickKey(): string {
  return `c${randomUUID().replace(/-/g, '')}`;
}

/** The family writes a new thread (multipart, as the page does). */
export function startThread(
  t: TestApp,
  client: TestClient,
  o: { topicId: string; subject: string; body: string; clientKey?: string; files?: { fileName: string; content: Buffer }[] },
) {
  const { payload, contentType } = multipart([
    { name: 'topicId', value: o.topicId },
    { name: 'subject', value: o.subject },
    { name: 'body', value: o.body },
    { name: 'clientKey', value: o.clientKey ?? clickKey() },
    ...(o.files ?? []).map((f) => ({ name: 'files', fileName: f.fileName, content: f.content, contentType: 'application/pdf' })),
  ]);
  return postRaw(t, client, '/api/messages', payload, contentType);
}

export function familyReply(t: TestApp, client: TestClient, threadId: string, body: string, clientKey = clickKey(), files: { fileName: string; content: Buffer }[] = []) {
  const { payload, contentType } = multipart([
    { name: 'body', value: body },
    { name: 'clientKey', value: clientKey },
    ...files.map((f) => ({ name: 'files', fileName: f.fileName, content: f.content, contentType: 'application/pdf' })),
  ]);
  return postRaw(t, client, `/api/messages/${threadId}/replies`, payload, contentType);
}

export const TOPIC_ENROLMENT = 'topic-1';
export const TOPIC_HEALTH = 'topic-3';

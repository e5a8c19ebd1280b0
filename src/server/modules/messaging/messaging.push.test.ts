import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { pushEndpointAllowed } from './messaging.push.js';

describe('pushEndpointAllowed (a subscription may only point at a push service)', () => {
  const hosts = loadConfig({}).notifications.pushHosts;

  it('accepts the browsers’ push services over https', () => {
    expect(pushEndpointAllowed('https://fcm.googleapis.com/fcm/send/abc:def', hosts)).toBe(true);
    expect(pushEndpointAllowed('https://updates.push.services.mozilla.com/wpush/v2/gAAA', hosts)).toBe(true);
    expect(pushEndpointAllowed('https://web.push.apple.com/QGd1', hosts)).toBe(true);
    expect(pushEndpointAllowed('https://wns2-par02p.notify.windows.com/w/?token=x', hosts)).toBe(true);
  });

  it('refuses any other address, plain http, credentials and look-alike hosts', () => {
    expect(pushEndpointAllowed('https://intranet.mairie.local/admin', hosts)).toBe(false);
    expect(pushEndpointAllowed('http://fcm.googleapis.com/fcm/send/x', hosts)).toBe(false);
    expect(pushEndpointAllowed('http://127.0.0.1:5432/', hosts)).toBe(false);
    expect(pushEndpointAllowed('https://notify.windows.com.evil.example/x', hosts)).toBe(false);
    expect(pushEndpointAllowed('https://evilnotify.windows.com/x', hosts)).toBe(false);
    expect(pushEndpointAllowed('https://user:pw@fcm.googleapis.com/x', hosts)).toBe(false);
    expect(pushEndpointAllowed('not a url', hosts)).toBe(false);
  });

  it('takes plain http only from a loopback host named in the setting (the tests’ push service)', () => {
    expect(pushEndpointAllowed('http://127.0.0.1:4000/push/1', ['127.0.0.1'])).toBe(true);
    expect(pushEndpointAllowed('http://10.0.0.5/push/1', ['10.0.0.5'])).toBe(false);
  });
});

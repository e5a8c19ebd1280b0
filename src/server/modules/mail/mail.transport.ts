import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** How many SMTP connections the relay keeps open and sends over at once (see `deliverDueMail`). */
export const SMTP_CONNECTIONS = 4;

/**
 * SMTP through nodemailer; SMTP_URL like smtp://user:pass@host:587 or smtps://host:465. Pooled: up to
 * SMTP_CONNECTIONS connections, each reused for up to 100 mails, so a campaign's or an announcement's thousands of
 * mails do not open one connection each. Options in the URL's query win (`?pool=false` turns the pool off).
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, pool: true, maxConnections: SMTP_CONNECTIONS, maxMessages: 100 });
  return {
    async send(mail) {
      await transporter.sendMail(mail);
    },
    close() {
      transporter.close();
    },
  };
}

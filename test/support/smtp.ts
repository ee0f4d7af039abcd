import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One e-mail as the test mail server received it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  /** The plain-text body, with transfer encoding undone. */
  text: string;
  raw: string;
}

export interface TestMailServer {
  readonly port: number;
  /** `smtp://127.0.0.1:port`, for SMTP_URL. */
  readonly url: string;
  readonly received: ReceivedMail[];
  close(): Promise<void>;
}

/** Quoted-printable and RFC 2047 words are all nodemailer uses for text mail; undo them. */
function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function decodeHeaderWords(value: string): string {
  // Whitespace between two encoded words is not part of the text (RFC 2047, 6.2).
  return value
    .replace(/(\?=)\s+(?==\?utf-8\?)/gi, '$1')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function parse(raw: string, envelope: { from: string; to: string[] }): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  let body = raw.slice(split + 4);
  const header = (name: string) =>
    head
      .split('\r\n')
      .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  if (encoding === 'quoted-printable') body = decodeQuotedPrintable(body);
  else if (encoding === 'base64') body = Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8');
  else body = Buffer.from(body, 'latin1').toString('utf8');
  return { ...envelope, subject: decodeHeaderWords(header('Subject')), text: body, raw };
}

/** A real SMTP server on a free loopback port, keeping what it receives (no TLS, no authentication). */
export async function startMailServer(options: { refuse?: () => boolean } = {}): Promise<TestMailServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // A mail server that is down for a while: every message is refused with a temporary failure.
    onMailFrom(_address, _session, callback) {
      if (options.refuse?.()) {
        const error = Object.assign(new Error('mail service not available'), { responseCode: 421 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((r) => r.address);
        received.push(parse(Buffer.concat(chunks).toString('latin1'), { from, to }));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The reset link in a mail's text, and its token. */
export function resetLinkIn(mail: ReceivedMail): { link: string; token: string; path: string } {
  const link = /https?:\/\/\S+\/reset-password#token=\S+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no reset link in: ${mail.text}`);
  const url = new URL(link);
  const token = decodeURIComponent(url.hash.replace(/^#token=/, ''));
  return { link, token, path: `${url.pathname}${url.hash}` };
}

/**
 * A bare HTTP/1.1 client over a TCP socket, for requests no well-behaved client would send:
 * it writes bytes as given and reads every answer (status, headers, body) off the connection,
 * and reports whether the connection was reset instead of answered.
 */
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawOutcome {
  answers: RawAnswer[];
  /** The connection was reset (ECONNRESET/EPIPE) before every expected answer arrived. */
  reset: boolean;
  /** The connection closed cleanly before every expected answer arrived. */
  closedEarly: boolean;
}

/** Parses as many complete answers as `buffer` holds; returns them and what is left over. */
function parseAnswers(buffer: Buffer): { answers: RawAnswer[]; rest: Buffer } {
  const answers: RawAnswer[] = [];
  let rest: Buffer = buffer;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const [statusLine, ...lines] = rest.subarray(0, end).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const status = Number(statusLine.split(' ')[1]);
    if (status === 100) {
      rest = rest.subarray(end + 4);
      continue;
    }
    const length = Number(headers['content-length'] ?? 0);
    if (rest.length < end + 4 + length) break;
    answers.push({ status, headers, body: rest.subarray(end + 4, end + 4 + length).toString('utf8') });
    rest = rest.subarray(end + 4 + length);
  }
  return { answers, rest };
}

/**
 * Opens a connection, writes `chunks` (each after the previous was flushed), and waits for
 * `expected` answers or for the connection to end.
 */
export function rawExchange(port: number, chunks: (string | Buffer)[], expected = 1): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket: Socket = connect({ host: '127.0.0.1', port });
    let buffer: Buffer = Buffer.alloc(0);
    const answers: RawAnswer[] = [];
    let reset = false;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve({ answers, reset: reset && answers.length < expected, closedEarly: !reset && answers.length < expected });
    };
    socket.on('data', (data: Buffer) => {
      const parsed = parseAnswers(Buffer.concat([buffer, data]));
      buffer = parsed.rest;
      answers.push(...parsed.answers);
      if (answers.length >= expected) finish();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') reset = true;
      finish();
    });
    socket.on('close', finish);
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) return;
        await new Promise<void>((done) => socket.write(chunk, () => done()));
      }
    });
  });
}

/** True when an answer is what the emulator promises for every request: a JSON body and a request id. */
export function isWellFormed(answer: RawAnswer): boolean {
  if (!answer.headers['x-amzn-requestid'] || !/^application\/json/.test(answer.headers['content-type'] ?? '')) return false;
  try {
    JSON.parse(answer.body);
    return true;
  } catch {
    return false;
  }
}

export function request(method: string, path: string, headers: Record<string, string | number> = {}, body = ''): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  if (body && !Object.keys(headers).some((name) => /^(content-length|transfer-encoding)$/i.test(name))) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

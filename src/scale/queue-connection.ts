/**
 * Where a work queue lives: the Redis URL and the queue's name, shared by every queue function
 * (`queueAdd`, `queueWorker`, `queueStatus`, `queueCollect`), read once here.
 */

/** Options every queue function takes: which Redis, which queue. */
export interface QueueConnectionOptions {
  /**
   * The Redis server: `redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS.
   * @default 'redis://127.0.0.1:6379'
   */
  readonly redis?: string;
  /**
   * The queue's name: two runs with different names never see each other's units
   * (letters, digits, `.`, `_`, `-`; at most 64).
   * @default 'wikirev'
   */
  readonly queue?: string;
  /**
   * Seconds to wait for Redis to answer before giving up with `QUEUE_UNREACHABLE`.
   * @default 10
   */
  readonly connectTimeoutSeconds?: number;
}

/** A parsed {@link QueueConnectionOptions}: plain data, no client library's type. */
export interface QueueEndpoint {
  readonly host: string;
  readonly port: number;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly db: number;
  readonly tls: boolean;
  readonly queue: string;
  readonly connectTimeoutMs: number;
  /** The URL without its password, for messages. */
  readonly label: string;
}

const QUEUE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Reads the Redis URL and queue name of a queue function's options.
 *
 * @param options - The options given.
 * @returns The endpoint.
 * @throws RangeError naming `redis`, `queue` or `connectTimeoutSeconds` when one is unusable.
 * @example
 * ```ts
 * queueEndpoint({ redis: 'redis://10.0.0.5:6380/2', queue: 'enwiki' })
 * // { host: '10.0.0.5', port: 6380, db: 2, tls: false, queue: 'enwiki', … }
 * ```
 */
export function queueEndpoint(options: QueueConnectionOptions = {}): QueueEndpoint {
  const text = options.redis ?? 'redis://127.0.0.1:6379';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RangeError(`redis must be a redis:// or rediss:// URL, got '${text}'`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new RangeError(`redis must be a redis:// or rediss:// URL, got '${url.protocol}…'`);
  }
  if (url.hostname === '') throw new RangeError(`redis URL has no host: '${text}'`);
  const port = url.port === '' ? 6379 : Number(url.port);
  const path = url.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : Number(path);
  if (!Number.isInteger(db) || db < 0 || db > 65535) {
    throw new RangeError(`redis URL's database must be a number, got '/${path}'`);
  }
  const queue = options.queue ?? 'wikirev';
  if (!QUEUE_NAME.test(queue)) {
    throw new RangeError(
      `queue must be 1 to 64 letters, digits, '.', '_' or '-', got '${queue.slice(0, 80)}'`,
    );
  }
  const seconds = options.connectTimeoutSeconds ?? 10;
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw new RangeError(`connectTimeoutSeconds must be a positive number, got ${seconds}`);
  }
  const username = url.username === '' ? undefined : decodeURIComponent(url.username);
  const password = url.password === '' ? undefined : decodeURIComponent(url.password);
  // IPv6 hosts come bracketed from URL; the client wants them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    port,
    username,
    password,
    db,
    tls: url.protocol === 'rediss:',
    queue,
    connectTimeoutMs: seconds * 1000,
    label: `${url.protocol}//${url.host}${db === 0 ? '' : `/${db}`} queue '${queue}'`,
  };
}

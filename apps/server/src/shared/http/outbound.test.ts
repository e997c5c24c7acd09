import { once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboundHttp, MAX_OUTBOUND_BODY_BYTES, type OutboundInternals } from './outbound.ts';
import { classifyAddress } from './outbound.models.ts';
import { OutboundError, type OutboundRequest } from './outbound.types.ts';

interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

interface TestServer {
  origin: string;
  port: number;
  /** TCP connections accepted: 0 proves nothing reached this server. */
  connections: number;
  requests: SeenRequest[];
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function startServer(handler: (request: SeenRequest, response: ServerResponse) => void, host = '127.0.0.1'): Promise<TestServer> {
  const state = { origin: '', port: 0, connections: 0, requests: [] as SeenRequest[] };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const seen = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString() };
      state.requests.push(seen);
      handler(seen, response);
    });
  });
  server.on('connection', () => {
    state.connections += 1;
  });
  server.listen(0, host);
  await once(server, 'listening');
  state.port = (server.address() as AddressInfo).port;
  state.origin = `http://${host}:${state.port}`;
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return state;
}

async function startRawServer(onSocket: (socket: net.Socket) => void): Promise<{ port: number; connections: number }> {
  const state = { port: 0, connections: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  state.port = (server.address() as AddressInfo).port;
  closers.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return state;
}

const ok = (body = 'hello') => (_request: SeenRequest, response: ServerResponse) => response.end(body);
const get = (extra: Partial<OutboundRequest> = {}): OutboundRequest => ({ method: 'GET', signal: new AbortController().signal, timeoutMs: 5_000, ...extra });
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (caught: unknown) => caught);

async function expectOutboundError(promise: Promise<unknown>, kind: OutboundError['kind']): Promise<OutboundError> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(OutboundError);
  expect((error as OutboundError).kind).toBe(kind);
  return error as OutboundError;
}

/** A DNS that knows a few names, for names that must not reach the machine's resolver. */
function fakeLookup(table: Record<string, string[]>, calls: string[] = []): OutboundInternals['lookup'] {
  return async (host) => {
    calls.push(host);
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: net.isIP(address) }));
  };
}

describe('createOutboundHttp: private targets', () => {
  it('reaches a server on 127.0.0.1 when private targets are allowed, with the method, path, headers and body', async () => {
    const server = await startServer((request, response) => {
      response.setHeader('x-answer', 'yes');
      response.statusCode = 201;
      response.end(`got ${request.body}`);
    });
    const outbound = createOutboundHttp({ allowPrivateTargets: true });
    const response = await outbound.request(`${server.origin}/hooks/a?b=1`, get({ method: 'POST', body: 'ping', headers: { 'content-type': 'text/plain', Host: 'evil.example' } }));
    expect(response.status).toBe(201);
    expect(response.headers.get('x-answer')).toBe('yes');
    expect(Buffer.from(response.body).toString()).toBe('got ping');
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/hooks/a?b=1', body: 'ping' });
    expect(server.requests[0]?.headers.host).toBe(`127.0.0.1:${server.port}`);
    expect(server.requests[0]?.headers['content-length']).toBe('4');
  });

  it('refuses the same server when private targets are not allowed, before connecting', async () => {
    const server = await startServer(ok());
    const outbound = createOutboundHttp({ allowPrivateTargets: false });
    const error = await expectOutboundError(outbound.request(`${server.origin}/`, get()), 'forbidden_target');
    expect(error.message).toBe('the address 127.0.0.1 is in the loopback range; set WORKMATE_ALLOW_PRIVATE_TARGETS to allow it');
    expect(server.connections).toBe(0);
  });

  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '[::1]',
    '[fe80::1]',
    '[fc00::1]',
    '[::ffff:10.0.0.1]',
    '[::ffff:127.0.0.1]',
    '[64:ff9b::10.0.0.1]',
    '2130706433',
    '0x7f.1',
  ])('refuses the literal address %s in a URL', async (host) => {
    const outbound = createOutboundHttp({ allowPrivateTargets: false });
    const error = await expectOutboundError(outbound.request(`http://${host}:9/`, get()), 'forbidden_target');
    expect(error.message).toMatch(/^the address \S+ is in /);
  });

  it('refuses unspecified and multicast addresses even when private targets are allowed', async () => {
    const outbound = createOutboundHttp({ allowPrivateTargets: true });
    await expectOutboundError(outbound.request('http://0.0.0.0:9/', get()), 'forbidden_target');
    await expectOutboundError(outbound.request('http://[::]:9/', get()), 'forbidden_target');
    await expectOutboundError(outbound.request('http://224.0.0.1:9/', get()), 'forbidden_target');
  });

  it('refuses a name that resolves to loopback (localhost), naming the name and the address', async () => {
    const server = await startServer(ok());
    const outbound = createOutboundHttp({ allowPrivateTargets: false });
    const error = await expectOutboundError(outbound.request(`http://localhost:${server.port}/`, get()), 'forbidden_target');
    expect(error.message).toMatch(/^the address (127\.0\.0\.1|::1) of localhost is in the loopback range; set WORKMATE_ALLOW_PRIVATE_TARGETS/);
    expect(server.connections).toBe(0);
  });

  it('refuses a name when any of its addresses is private, even if another is public', async () => {
    const outbound = createOutboundHttp({ allowPrivateTargets: false }, { lookup: fakeLookup({ 'ha.local': ['93.184.216.34', '10.0.0.5'] }), classify: classifyAddress });
    const error = await expectOutboundError(outbound.request('http://ha.local:8123/api/', get()), 'forbidden_target');
    expect(error.message).toBe('the address 10.0.0.5 of ha.local is in a private range; set WORKMATE_ALLOW_PRIVATE_TARGETS to allow it');
  });

  it('asks the function form of the policy on every request', async () => {
    const server = await startServer(ok());
    const answers = [false, true, false];
    let asked = 0;
    const outbound = createOutboundHttp({ allowPrivateTargets: async () => answers[asked++] ?? false });
    await expectOutboundError(outbound.request(`${server.origin}/`, get()), 'forbidden_target');
    expect((await outbound.request(`${server.origin}/`, get())).status).toBe(200);
    await expectOutboundError(outbound.request(`${server.origin}/`, get()), 'forbidden_target');
    expect(asked).toBe(3);
    expect(server.connections).toBe(1);
  });
});

describe('createOutboundHttp: the checked address is the one connected to', () => {
  it('connects to the address it resolved, sending the name as Host, with one lookup', async () => {
    const server = await startServer((request, response) => response.end(request.headers.host));
    const calls: string[] = [];
    // service.invalid cannot resolve on any machine: only the pinned address can make this succeed.
    const outbound = createOutboundHttp({ allowPrivateTargets: true }, { lookup: fakeLookup({ 'service.invalid': ['127.0.0.1'] }, calls), classify: classifyAddress });
    const response = await outbound.request(`http://service.invalid:${server.port}/`, get());
    expect(Buffer.from(response.body).toString()).toBe(`service.invalid:${server.port}`);
    expect(calls).toEqual(['service.invalid']);
  });

  it('sends the name as TLS server name (SNI) to the pinned address, and fails as connect when the handshake fails', async () => {
    const names: string[] = [];
    const server = tls.createServer({
      SNICallback: (name, callback) => {
        names.push(name);
        callback(new Error('no certificate here'));
      },
    });
    server.on('tlsClientError', () => undefined);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const port = (server.address() as AddressInfo).port;
    const outbound = createOutboundHttp({ allowPrivateTargets: true }, { lookup: fakeLookup({ 'secure.invalid': ['127.0.0.1'] }), classify: classifyAddress });
    await expectOutboundError(outbound.request(`https://secure.invalid:${port}/`, get()), 'connect');
    expect(names).toEqual(['secure.invalid']);
  });

  it('reports a name that does not resolve as dns', async () => {
    const outbound = createOutboundHttp({ allowPrivateTargets: true }, { lookup: fakeLookup({}), classify: classifyAddress });
    const error = await expectOutboundError(outbound.request('http://nowhere.invalid/', get()), 'dns');
    expect(error.message).toBe('could not resolve nowhere.invalid (ENOTFOUND)');
  });

  it('reports a refused connection as connect', async () => {
    const raw = await startRawServer((socket) => socket.destroy());
    const closed = raw.port;
    const outbound = createOutboundHttp({ allowPrivateTargets: true });
    await expectOutboundError(outbound.request(`http://127.0.0.1:${closed}/`, get()), 'connect');
  });
});

describe('createOutboundHttp: URLs', () => {
  it.each(['ftp://127.0.0.1/', 'file:///etc/passwd', 'http://user:secret@127.0.0.1/', 'http://:pw@127.0.0.1/', 'not a url', 'gopher://x/'])('refuses %s as invalid_url', async (url) => {
    const outbound = createOutboundHttp({ allowPrivateTargets: true });
    await expectOutboundError(outbound.request(url, get()), 'invalid_url');
  });
});

describe('createOutboundHttp: redirects', () => {
  /**
   * Offline, every server is on loopback. To prove that a redirect cannot cross the boundary, the
   * test's classifier treats 127.0.0.1 as "the internet" and everything else as it really is; a
   * second server on 127.0.0.2 (or reached as ::ffff:127.0.0.2) plays the private target.
   */
  const internetAt127001: OutboundInternals = {
    lookup: fakeLookup({}),
    classify: (address) => (address === '127.0.0.1' ? { address, family: 4, range: 'unicast', reach: 'public' } : classifyAddress(address)),
  };
  const redirectTo = (location: string, status = 302) => (_request: SeenRequest, response: ServerResponse) => {
    response.statusCode = status;
    response.setHeader('location', location);
    response.end('moved');
  };

  it('refuses a hop from an allowed server into a private range before connecting to it', async () => {
    const privateServer = await startServer(ok('secret'), '127.0.0.2');
    for (const location of [`${privateServer.origin}/`, `http://[::ffff:127.0.0.2]:${privateServer.port}/`]) {
      const publicServer = await startServer(redirectTo(location));
      const outbound = createOutboundHttp({ allowPrivateTargets: false }, internetAt127001);
      const error = await expectOutboundError(outbound.request(`${publicServer.origin}/`, get({ maxRedirects: 3 })), 'forbidden_target');
      expect(error.message).toMatch(/^the address (127\.0\.0\.2|::ffff:7f00:2) is in the loopback range/);
      expect(publicServer.requests).toHaveLength(1);
    }
    expect(privateServer.connections).toBe(0);
  });

  it('follows the same hop when private targets are allowed (the private server is reachable)', async () => {
    const privateServer = await startServer(ok('secret'), '127.0.0.2');
    const publicServer = await startServer(redirectTo(`${privateServer.origin}/inside`));
    const outbound = createOutboundHttp({ allowPrivateTargets: true }, internetAt127001);
    const response = await outbound.request(`${publicServer.origin}/`, get({ maxRedirects: 3 }));
    expect(Buffer.from(response.body).toString()).toBe('secret');
    expect(privateServer.requests.map((request) => request.path)).toEqual(['/inside']);
  });

  it('follows hops that stay public, resolving relative locations', async () => {
    const server = await startServer((request, response) => {
      if (request.path === '/start') return redirectTo('/middle', 301)(request, response);
      if (request.path === '/middle') return redirectTo('end?x=1', 308)(request, response);
      response.end(`at ${request.path}`);
    });
    const outbound = createOutboundHttp({ allowPrivateTargets: false }, internetAt127001);
    const response = await outbound.request(`${server.origin}/start`, get({ maxRedirects: 2 }));
    expect(Buffer.from(response.body).toString()).toBe('at /end?x=1');
  });

  it('returns a redirect as the answer by default, without following it', async () => {
    const target = await startServer(ok());
    const server = await startServer(redirectTo(`${target.origin}/`));
    const outbound = createOutboundHttp({ allowPrivateTargets: true });
    const response = await outbound.request(`${server.origin}/`, get());
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${target.origin}/`);
    expect(Buffer.from(response.body).toString()).toBe('moved');
    expect(target.connections).toBe(0);
  });

  it('gives up after maxRedirects hops as too_many_redirects', async () => {
    const server = await startServer(redirectTo('/again'));
    const outbound = createOutboundHttp({ allowPrivateTargets: true });
    await expectOutboundError(outbound.request(`${server.origin}/`, get({ maxRedirects: 2 })), 'too_many_redirects');
    expect(server.requests).toHaveLength(3);
  });

  it('turns a POST into a GET without body on 303, and keeps method and body on 307', async () => {
    const server = await startServer((request, response) => {
      if (request.path === '/see-other') return redirectTo('/landed', 303)(request, response);
      if (request.path === '/temporary') return redirectTo('/landed', 307)(request, response);
      response.end();
    });
    const outbound = createOutboundHttp({ allowPrivateTargets: true });
    const post = get({ method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' }, maxRedirects: 1 });
    await outbound.request(`${server.origin}/see-other`, post);
    await outbound.request(`${server.origin}/temporary`, post);
    const landed = server.requests.filter((request) => request.path === '/landed');
    expect(landed.map((request) => [request.method, request.body, request.headers['content-type']])).toEqual([
      ['GET', '', undefined],
      ['POST', '{"a":1}', 'application/json'],
    ]);
  });

  it('drops credentials when a redirect leaves the origin, and keeps them within it', async () => {
    const other = await startServer(ok());
    const server = await startServer((request, response) => {
      if (request.path === '/away') return redirectTo(`${other.origin}/`)(request, response);
      if (request.path === '/here') return redirectTo('/stay')(request, response);
      response.end();
    });
    const outbound = createOutboundHttp({ allowPrivateTargets: true });
    const withToken = get({ headers: { Authorization: 'Bearer t0ken' }, maxRedirects: 1 });
    await outbound.request(`${server.origin}/away`, withToken);
    await outbound.request(`${server.origin}/here`, withToken);
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
    expect(server.requests.find((request) => request.path === '/stay')?.headers.authorization).toBe('Bearer t0ken');
  });
});

describe('createOutboundHttp: limits', () => {
  it('gives up on a server that never answers as timeout, within the time limit', async () => {
    const raw = await startRawServer(() => undefined);
    const outbound = createOutboundHttp({ allowPrivateTargets: true });
    const started = Date.now();
    const error = await expectOutboundError(outbound.request(`http://127.0.0.1:${raw.port}/`, get({ timeoutMs: 300 })), 'timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.message).toBe(`127.0.0.1:${raw.port} did not answer within 300 ms`);
  });

  it('bounds the whole exchange: a body that trickles in times out too', async () => {
    const raw = await startRawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n');
      const timer = setInterval(() => socket.write('x'), 50);
      socket.on('close', () => clearInterval(timer));
    });
    const outbound = createOutboundHttp({ allowPrivateTargets: true });
    await expectOutboundError(outbound.request(`http://127.0.0.1:${raw.port}/`, get({ timeoutMs: 400 })), 'timeout');
  });

  it('stops when the signal aborts, as aborted', async () => {
    const raw = await startRawServer(() => undefined);
    const outbound = createOutboundHttp({ allowPrivateTargets: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expectOutboundError(outbound.request(`http://127.0.0.1:${raw.port}/`, get({ signal: controller.signal, timeoutMs: 30_000 })), 'aborted');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('does not connect at all with an already aborted signal', async () => {
    const server = await startServer(ok());
    const outbound = createOutboundHttp({ allowPrivateTargets: true });
    await expectOutboundError(outbound.request(`${server.origin}/`, get({ signal: AbortSignal.abort() })), 'aborted');
    expect(server.connections).toBe(0);
  });

  it('reads at most 64 KiB of the answer, without an error', async () => {
    const server = await startServer((_request, response) => response.end(Buffer.alloc(1024 * 1024, 0x61)));
    const outbound = createOutboundHttp({ allowPrivateTargets: true });
    const response = await outbound.request(`${server.origin}/`, get());
    expect(response.status).toBe(200);
    expect(response.body.byteLength).toBe(MAX_OUTBOUND_BODY_BYTES);
  });

  it('returns a short body whole', async () => {
    const server = await startServer(ok('x'.repeat(1000)));
    const response = await createOutboundHttp({ allowPrivateTargets: true }).request(`${server.origin}/`, get());
    expect(response.body.byteLength).toBe(1000);
  });

  it('never puts what a server sent into an error message', async () => {
    const canary = 'FOREIGN-BODY-3f9c';
    const raw = await startRawServer((socket) => socket.end(`HTTP/1.1 200 OK\r\nX-${canary}\u0001: ${canary}\r\n\r\n${canary}`));
    const outbound = createOutboundHttp({ allowPrivateTargets: true });
    const error = await expectOutboundError(outbound.request(`http://127.0.0.1:${raw.port}/`, get()), 'connect');
    expect(error.message).toMatch(/^could not reach 127\.0\.0\.1:\d+ \(HPE_[A-Z_]+\)$/);
    expect(error.message).not.toContain(canary);
  });
});

describe('createOutboundHttp: resolveTarget', () => {
  const internals: OutboundInternals = { lookup: fakeLookup({ 'broker.invalid': ['127.0.0.1'], 'ha.local': ['10.0.0.5'], 'public.invalid': ['93.184.216.34'] }), classify: classifyAddress };
  const signal = () => new AbortController().signal;

  it('returns the one checked address of a name', async () => {
    const outbound = createOutboundHttp({ allowPrivateTargets: true }, internals);
    expect(await outbound.resolveTarget('broker.invalid', signal())).toEqual({ address: '127.0.0.1', family: 4 });
    expect(await outbound.resolveTarget('[::1]', signal())).toEqual({ address: '::1', family: 6 });
  });

  it('returns a public address when private targets are not allowed', async () => {
    const outbound = createOutboundHttp({ allowPrivateTargets: false }, internals);
    expect(await outbound.resolveTarget('public.invalid', signal())).toEqual({ address: '93.184.216.34', family: 4 });
  });

  it('refuses private names and literals when private targets are not allowed', async () => {
    const outbound = createOutboundHttp({ allowPrivateTargets: false }, internals);
    const error = await expectOutboundError(outbound.resolveTarget('ha.local', signal()), 'forbidden_target');
    expect(error.message).toBe('the address 10.0.0.5 of ha.local is in a private range; set WORKMATE_ALLOW_PRIVATE_TARGETS to allow it');
    await expectOutboundError(outbound.resolveTarget('127.0.0.1', signal()), 'forbidden_target');
    await expectOutboundError(outbound.resolveTarget('[::ffff:192.168.1.1]', signal()), 'forbidden_target');
  });

  it('uses the machine resolver by default: localhost is refused', async () => {
    const outbound = createOutboundHttp({ allowPrivateTargets: false });
    await expectOutboundError(outbound.resolveTarget('localhost', signal()), 'forbidden_target');
  });

  it('reports unknown names as dns, odd host strings as invalid_url, and an aborted signal as aborted', async () => {
    const outbound = createOutboundHttp({ allowPrivateTargets: true }, internals);
    await expectOutboundError(outbound.resolveTarget('nowhere.invalid', signal()), 'dns');
    await expectOutboundError(outbound.resolveTarget('', signal()), 'invalid_url');
    await expectOutboundError(outbound.resolveTarget('a/b@c', signal()), 'invalid_url');
    await expectOutboundError(outbound.resolveTarget('broker.invalid', AbortSignal.abort()), 'aborted');
  });

  it('stops waiting for a lookup that hangs when the signal aborts', async () => {
    const outbound = createOutboundHttp({ allowPrivateTargets: true }, { lookup: () => new Promise(() => undefined), classify: classifyAddress });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expectOutboundError(outbound.resolveTarget('slow.invalid', controller.signal), 'aborted');
  });
});

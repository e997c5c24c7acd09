import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { connectAsync, type MqttClient } from 'mqtt';
import Value from 'typebox/value';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../shared/clock/clock.ts';
import { createOutboundHttp, type OutboundInternals } from '../../../../shared/http/outbound.ts';
import { classifyAddress } from '../../../../shared/http/outbound.models.ts';
import type { OutboundHttp } from '../../../../shared/http/outbound.types.ts';
import { peerMissing } from '../../../../shared/testing/peers.ts';
import { channelDriverTestSuite, FOREIGN_BODY_CANARY, sampleMessage, type ChannelHarness, type ReceivedMessage } from '../../channel-drivers.test-suite.ts';
import { DeliveryError, type ChannelMessage } from '../../notifications.types.ts';
import { createMqttDriver, type MqttConfig, type MqttCredentials } from './mqtt.driver.ts';
import { startMqttProxy, type MqttProxy } from './testing/mqtt-proxy.ts';

const MOSQUITTO = { host: '127.0.0.1', port: 1883 };

function probe(): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect(MOSQUITTO);
    const done = (reason: string | undefined) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(1_000, () => done(`Mosquitto did not answer on ${MOSQUITTO.host}:${MOSQUITTO.port}; start it to run the MQTT driver tests`));
    socket.on('connect', () => done(undefined));
    socket.on('error', (error: NodeJS.ErrnoException) => done(`Mosquitto is not reachable on ${MOSQUITTO.host}:${MOSQUITTO.port} (${error.code}); start it to run the MQTT driver tests`));
  });
}
const mosquittoMissing = peerMissing(await probe());

interface Delivered {
  topic: string;
  payload: string;
  qos: number;
  retain: boolean;
}

interface MqttHarness extends ChannelHarness<MqttConfig, MqttCredentials> {
  proxy: MqttProxy;
  topic: string;
  delivered(count: number, waitMs?: number): Promise<Delivered[]>;
}

async function subscribe(topic: string, onMessage: (delivered: Delivered) => void): Promise<MqttClient> {
  const subscriber = await connectAsync(`mqtt://${MOSQUITTO.host}:${MOSQUITTO.port}`, { reconnectPeriod: 0, clientId: `workmate-test-${randomUUID().slice(0, 8)}` });
  subscriber.on('message', (received, payload, packet) => onMessage({ topic: received, payload: payload.toString('utf8'), qos: packet.qos, retain: packet.retain }));
  await subscriber.subscribeAsync(topic, { qos: 2 });
  return subscriber;
}

async function waitFor<T>(read: () => T[], count: number, waitMs: number): Promise<T[]> {
  const started = Date.now();
  while (read().length < count && Date.now() - started < waitMs) await new Promise((resolve) => setTimeout(resolve, 20));
  return read();
}

function reduce(delivered: Delivered): ReceivedMessage {
  const json = JSON.parse(delivered.payload) as { title: string; body: string; url: string; silent: boolean };
  return { text: `${json.title}\n${json.body}`, urls: [json.url], silent: json.silent };
}

async function createHarness(
  options: { config?: Partial<MqttConfig>; credentials?: MqttCredentials; outbound?: OutboundHttp; clock?: ReturnType<typeof createManualClock>; host?: string } = {},
): Promise<MqttHarness> {
  const proxy = await startMqttProxy(MOSQUITTO);
  const topic = `workmate-test/${randomUUID()}`;
  const delivered: Delivered[] = [];
  const subscriber = await subscribe(`${topic}/#`, (message) => delivered.push(message)).catch(async (error: unknown) => {
    await proxy.close();
    throw error;
  });
  await subscriber.subscribeAsync(topic, { qos: 2 });
  const driver = createMqttDriver({ outbound: options.outbound ?? createOutboundHttp({ allowPrivateTargets: true }), ...(options.clock ? { clock: options.clock } : {}) });
  return {
    driver,
    target: { config: { url: `mqtt://${options.host ?? '127.0.0.1'}:${proxy.port}`, topic, ...options.config }, credentials: options.credentials ?? {} },
    proxy,
    topic,
    delivered: (count, waitMs = 5_000) => waitFor(() => delivered, count, waitMs),
    received: async ({ count = 1, waitMs = 5_000 } = {}) => (await waitFor(() => delivered, count, waitMs)).map(reduce),
    failNextWithError: () => proxy.next({ kind: 'refuse', code: 'server_unavailable', reasonString: `maintenance: ${FOREIGN_BODY_CANARY}` }),
    hangNext: () => proxy.next({ kind: 'hang' }),
    rateLimitNext: undefined,
    async close() {
      await driver.close?.();
      await subscriber.endAsync(true);
      await proxy.close();
    },
  };
}

const sendWith = (h: MqttHarness, message: ChannelMessage = sampleMessage(), timeoutMs = 5_000) =>
  h.driver.send(message, h.target, { signal: new AbortController().signal, timeoutMs });
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (caught: unknown) => caught);

describe.skipIf(mosquittoMissing)('mqtt driver against Mosquitto', () => {
  channelDriverTestSuite('smart_home (mqtt)', () => createHarness());
  channelDriverTestSuite('smart_home (mqtt, MQTT 5)', () => createHarness({ config: { protocol_version: 5 } }));

  let harness: MqttHarness | undefined;
  const start = async (options: Parameters<typeof createHarness>[0] = {}) => {
    harness = await createHarness(options);
    return harness;
  };
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('publishes the JSON payload with the references and no more', async () => {
    const clock = createManualClock('2026-11-26T09:00:00.000Z');
    const h = await start({ clock });
    const message = sampleMessage({ severity: 'urgent', silent: true });
    await sendWith(h, message);
    const [delivered] = await h.delivered(1);
    expect(delivered?.topic).toBe(h.topic);
    expect(JSON.parse(delivered!.payload)).toEqual({
      title: message.title,
      body: message.body,
      severity: 'urgent',
      url: message.url,
      discreet: false,
      silent: true,
      notification_id: message.references.notificationId,
      task_ids: message.references.taskIds,
      idempotency_key: message.idempotencyKey,
      sent_at: '2026-11-26T09:00:00.000Z',
    });
  });

  it('publishes title and body as plain text in text mode', async () => {
    const h = await start({ config: { payload: 'text' } });
    await sendWith(h, sampleMessage({ title: 'Müll', body: 'Morgen ist Biotonne.' }));
    const [delivered] = await h.delivered(1);
    expect(delivered?.payload).toBe('Müll\nMorgen ist Biotonne.');
  });

  it('replaces {severity} in the topic', async () => {
    const h = await start();
    h.target.config.topic = `${h.topic}/{severity}`;
    await sendWith(h, sampleMessage({ severity: 'critical' }));
    const [delivered] = await h.delivered(1);
    expect(delivered?.topic).toBe(`${h.topic}/critical`);
  });

  it.each([0, 1, 2] as const)('publishes with QoS %i', async (qos) => {
    const h = await start({ config: { qos } });
    await sendWith(h);
    const [delivered] = await h.delivered(1);
    expect(delivered?.qos).toBe(qos); // the subscriber asked for 2: what arrives is what was published
  });

  it('publishes with QoS 1 by default', async () => {
    const h = await start();
    await sendWith(h);
    expect((await h.delivered(1))[0]?.qos).toBe(1);
  });

  it('waits for the broker to confirm a QoS 1 message: without PUBACK it times out', async () => {
    const h = await start({ config: { qos: 1 } });
    h.proxy.next({ kind: 'swallow_publish' });
    const error = await failure(sendWith(h, sampleMessage(), 800));
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).kind).toBe('timeout');
  });

  it('does not wait for a confirmation at QoS 0', async () => {
    const h = await start({ config: { qos: 0 } });
    h.proxy.next({ kind: 'swallow_publish' });
    await expect(sendWith(h, sampleMessage(), 800)).resolves.toEqual({});
    expect(await h.delivered(1, 300)).toEqual([]);
  });

  it('retains the message for a late subscriber when asked to, and the retained message can be cleared', async () => {
    const h = await start({ config: { retain: true } });
    await sendWith(h, sampleMessage({ title: 'Behalten' }));
    await h.delivered(1);
    const late: Delivered[] = [];
    const lateSubscriber = await subscribe(h.topic, (message) => late.push(message));
    try {
      const [retained] = await waitFor(() => late, 1, 3_000);
      expect(retained?.retain).toBe(true);
      expect(JSON.parse(retained!.payload).title).toBe('Behalten');
    } finally {
      await lateSubscriber.publishAsync(h.topic, '', { qos: 1, retain: true }); // clear it for the broker's next user
      await lateSubscriber.endAsync();
    }
    const afterClearing: Delivered[] = [];
    const check = await subscribe(h.topic, (message) => afterClearing.push(message));
    expect(await waitFor(() => afterClearing, 1, 300)).toEqual([]);
    await check.endAsync();
  });

  it('does not retain by default', async () => {
    const h = await start();
    await sendWith(h);
    await h.delivered(1);
    const late: Delivered[] = [];
    const lateSubscriber = await subscribe(h.topic, (message) => late.push(message));
    expect(await waitFor(() => late, 1, 500)).toEqual([]);
    await lateSubscriber.endAsync();
  });

  it('sends the user name and password, and a client id with the prefix', async () => {
    const h = await start({ config: { client_id_prefix: 'kitchen' }, credentials: { username: 'workmate', password: 'pw' } });
    await sendWith(h);
    expect(h.proxy.connects).toHaveLength(1);
    expect(h.proxy.connects[0]).toMatchObject({ protocolVersion: 4, username: 'workmate', hasPassword: true });
    expect(h.proxy.connects[0]?.clientId).toMatch(/^kitchen-[0-9a-f]{10}$/);
  });

  // The machine's Mosquitto allows anonymous clients and has no password file, so it accepts any
  // credentials; the proxy answers the CONNECT the way a broker refusing them does.
  it.each([
    [4, 'bad_credentials', 'the MQTT broker refused the connection: bad user name or password (code 4)'],
    [4, 'not_authorized', 'the MQTT broker refused the connection: not authorized (code 5)'],
    [5, 'bad_credentials', 'the MQTT broker refused the connection: bad user name or password (code 134)'],
    [5, 'not_authorized', 'the MQTT broker refused the connection: not authorized (code 135)'],
  ] as const)('reports refused credentials (MQTT %i, %s) as a configuration problem', async (protocol_version, code, message) => {
    const h = await start({ config: { protocol_version }, credentials: { username: 'workmate', password: 'wrong' } });
    h.proxy.next({ kind: 'refuse', code, reasonString: FOREIGN_BODY_CANARY });
    const error = await failure(sendWith(h));
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).kind).toBe('configuration');
    expect((error as DeliveryError).retryable).toBe(false);
    expect((error as DeliveryError).message).toBe(message);
  });

  it('reports an unavailable broker as a retryable provider error naming the code', async () => {
    const h = await start();
    h.proxy.next({ kind: 'refuse', code: 'server_unavailable' });
    const error = await failure(sendWith(h));
    expect((error as DeliveryError).kind).toBe('provider');
    expect((error as DeliveryError).message).toBe('the MQTT broker refused the connection: server unavailable (code 3)');
  });

  it('reports a refused TCP connection as a provider error', async () => {
    const h = await start();
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    h.target.config.url = `mqtt://127.0.0.1:${port}`;
    const error = await failure(sendWith(h));
    expect((error as DeliveryError).kind).toBe('provider');
    expect((error as DeliveryError).message).toBe('could not reach the MQTT broker (ECONNREFUSED)');
  });

  it('refuses a private broker when the outbound policy forbids private targets, without connecting', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const h = await start({ outbound: createOutboundHttp({ allowPrivateTargets: false }), host });
      const error = await failure(sendWith(h));
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).kind).toBe('configuration');
      expect((error as DeliveryError).message).toMatch(/loopback range; set WORKMATE_ALLOW_PRIVATE_TARGETS to allow it$/);
      expect(h.proxy.connections).toBe(0);
      await h.close();
      harness = undefined;
    }
  });

  it('connects to the address the outbound guard resolved, not to a second lookup of the name', async () => {
    const internals: OutboundInternals = { lookup: async (host) => (host === 'broker.invalid' ? [{ address: '127.0.0.1', family: 4 }] : []), classify: classifyAddress };
    const h = await start({ outbound: createOutboundHttp({ allowPrivateTargets: true }, internals), host: 'broker.invalid' });
    await sendWith(h);
    expect(await h.received({ count: 1 })).toHaveLength(1);
    expect(h.proxy.connections).toBe(1);
  });

  it('refuses settings the schema refuses before connecting', async () => {
    const h = await start();
    h.target.config.topic = `${h.topic}/+`;
    const error = await failure(sendWith(h));
    expect((error as DeliveryError).kind).toBe('configuration');
    expect(h.proxy.connections).toBe(0);
  });
});

describe('mqtt driver settings', () => {
  const driver = createMqttDriver({ outbound: createOutboundHttp({ allowPrivateTargets: true }) });
  const valid = { url: 'mqtt://ha.local:1883', topic: 'workmate/notifications' };

  it('names its channel and does not claim to deduplicate', () => {
    expect(driver).toMatchObject({ channel: 'smart_home', name: 'mqtt', deduplicates: false });
  });

  it.each<[string, Record<string, unknown>]>([
    ['the minimal settings', valid],
    ['TLS with a port', { ...valid, url: 'mqtts://broker.example.com:8883' }],
    ['an IPv6 broker', { ...valid, url: 'mqtt://[fd00::1]:1883' }],
    ['no port', { ...valid, url: 'mqtt://192.168.1.10' }],
    ['every option', { ...valid, topic: 'home/{severity}', qos: 2, retain: true, payload: 'text', client_id_prefix: 'work_mate-1', protocol_version: 5 }],
  ])('accepts %s', (_name, config) => {
    expect(Value.Check(driver.configSchema, config)).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a + wildcard', { ...valid, topic: 'home/+/alerts' }],
    ['a # wildcard', { ...valid, topic: 'home/#' }],
    ['only a wildcard', { ...valid, topic: '#' }],
    ['a $SYS topic', { ...valid, topic: '$SYS/broker' }],
    ['an empty topic', { ...valid, topic: '' }],
    ['a NUL in the topic', { ...valid, topic: 'a\u0000b' }],
    ['a topic over 256 characters', { ...valid, topic: 'a'.repeat(257) }],
    ['an http URL', { ...valid, url: 'http://ha.local:1883' }],
    ['a user name in the URL', { ...valid, url: 'mqtt://user:pw@ha.local:1883' }],
    ['a path in the URL', { ...valid, url: 'mqtt://ha.local:1883/x' }],
    ['QoS 3', { ...valid, qos: 3 }],
    ['an unknown payload format', { ...valid, payload: 'xml' }],
    ['a long client id prefix', { ...valid, client_id_prefix: 'a'.repeat(13) }],
    ['MQTT 3.1', { ...valid, protocol_version: 3 }],
    ['an unknown field', { ...valid, extra: true }],
  ])('refuses %s', (_name, config) => {
    expect(Value.Check(driver.configSchema, config)).toBe(false);
  });

  it('keeps credentials to a user name and a password', () => {
    expect(Value.Check(driver.credentialsSchema, {})).toBe(true);
    expect(Value.Check(driver.credentialsSchema, { username: 'ha', password: 'secret' })).toBe(true);
    expect(Value.Check(driver.credentialsSchema, { token: 'x' })).toBe(false);
  });
});

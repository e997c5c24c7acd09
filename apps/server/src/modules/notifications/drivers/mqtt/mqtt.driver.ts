/**
 * Smart-home notifications over MQTT: one message per send, published to a topic of the user's
 * broker (Home Assistant, Node-RED, ... act on it). One connection per send: reminders are rare,
 * a fresh connection never carries a stale session, and nothing stays open between reminders.
 *
 * The broker's host is resolved by the outbound guard (so a LAN broker needs private targets
 * allowed) and the connection goes to the address it checked; TLS still verifies the name.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { MqttClient, type ErrorWithReasonCode, type IClientOptions } from 'mqtt';
import Value from 'typebox/value';
import { systemClock, type Clock } from '../../../../shared/clock/clock.ts';
import { OutboundError, type OutboundHttp } from '../../../../shared/http/outbound.types.ts';
import { DeliveryError, type ChannelDriver, type ChannelMessage, type ChannelTarget, type DeliveryReceipt } from '../../notifications.types.ts';
import {
  buildPayload,
  MqttConfigSchema,
  MqttCredentialsSchema,
  parseBrokerUrl,
  reasonCodeError,
  renderTopic,
  type BrokerAddress,
  type MqttConfig,
  type MqttCredentials,
} from './mqtt.models.ts';

export type { MqttConfig, MqttCredentials } from './mqtt.models.ts';

/** After a delivery the client says goodbye in the background; a broker that does not close in time is cut off. */
const GOODBYE_MS = 2_000;

export function createMqttDriver(deps: { outbound: OutboundHttp; clock?: Clock }): ChannelDriver<MqttConfig, MqttCredentials> {
  const clock = deps.clock ?? systemClock;
  const open = new Set<MqttClient>();

  async function send(message: ChannelMessage, target: ChannelTarget<MqttConfig, MqttCredentials>, options: { signal: AbortSignal; timeoutMs: number }): Promise<DeliveryReceipt> {
    if (!Value.Check(MqttConfigSchema, target.config) || !Value.Check(MqttCredentialsSchema, target.credentials)) {
      throw new DeliveryError('configuration', 'the MQTT settings are not valid');
    }
    const config = target.config;
    const broker = parseBrokerUrl(config.url);
    if (!broker) throw new DeliveryError('configuration', 'the MQTT broker address is not valid');

    const attempt = startAttempt(options);
    try {
      const address = await deps.outbound.resolveTarget(broker.host, attempt.signal).catch((error: unknown) => {
        throw attempt.signal.aborted ? attempt.signal.reason : fromOutboundError(error);
      });
      await publish({
        broker,
        address: address.address,
        config,
        credentials: target.credentials,
        topic: renderTopic(config.topic, message),
        payload: buildPayload(message, config.payload ?? 'json', clock.now()),
        signal: attempt.signal,
      });
      return {};
    } finally {
      attempt.dispose();
    }
  }

  function publish(input: {
    broker: BrokerAddress;
    address: string;
    config: MqttConfig;
    credentials: MqttCredentials;
    topic: string;
    payload: string;
    signal: AbortSignal;
  }): Promise<void> {
    const { broker, address, config, credentials, signal } = input;
    return new Promise<void>((resolve, reject) => {
      let connected = false;
      let settled = false;
      let socketError: string | undefined;

      const connect = () => {
        const socket = broker.secure
          ? tls.connect({ host: address, port: broker.port, ...(net.isIP(broker.host) === 0 ? { servername: broker.host } : {}) })
          : net.connect({ host: address, port: broker.port });
        socket.on('error', (error: NodeJS.ErrnoException) => {
          socketError ??= error.code;
        });
        return socket;
      };
      const clientOptions: IClientOptions = {
        protocolVersion: config.protocol_version ?? 4,
        clientId: `${config.client_id_prefix ?? 'workmate'}-${randomBytes(5).toString('hex')}`,
        clean: true,
        reconnectPeriod: 0,
        // Our own deadline ends the attempt first.
        connectTimeout: 24 * 60 * 60 * 1000,
        keepalive: 60,
        ...(credentials.username === undefined ? {} : { username: credentials.username }),
        ...(credentials.password === undefined ? {} : { password: credentials.password }),
      };
      const client = new MqttClient(connect, clientOptions);
      open.add(client);

      const finish = (error?: unknown) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        if (error === undefined) {
          goodbye(client);
          resolve();
        } else {
          client.end(true, () => open.delete(client));
          reject(error);
        }
      };
      const onAbort = () => finish(signal.reason);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });

      client.on('connect', () => {
        connected = true;
        client.publish(input.topic, input.payload, { qos: config.qos ?? 1, retain: config.retain ?? false }, (error) => {
          // qos 0: written to the socket; qos 1: PUBACK; qos 2: PUBCOMP.
          finish(error ? fromClientError(error, 'message') : undefined); // mqtt.js passes null on success
        });
      });
      client.on('error', (error) => finish(fromClientError(error, connected ? 'message' : 'connection', socketError)));
      client.on('disconnect', (packet) => finish(reasonCodeError('message', packet.reasonCode ?? 0x80)));
      client.on('close', () => {
        const how = socketError ? ` (${socketError})` : '';
        finish(new DeliveryError('provider', connected ? `the MQTT broker closed the connection before confirming the message${how}` : `could not connect to the MQTT broker${how}`));
      });
    });
  }

  function goodbye(client: MqttClient) {
    const cutOff = setTimeout(() => client.end(true), GOODBYE_MS);
    client.end(false, () => {
      clearTimeout(cutOff);
      open.delete(client);
    });
  }

  return {
    channel: 'smart_home',
    name: 'mqtt',
    configSchema: MqttConfigSchema,
    credentialsSchema: MqttCredentialsSchema,
    deduplicates: false,
    send,
    async close() {
      await Promise.all([...open].map((client) => client.endAsync(true)));
      open.clear();
    },
  };
}

/** One deadline for the whole attempt (lookup, connect, publish, acknowledgement); aborting ends it at once. */
function startAttempt(options: { signal: AbortSignal; timeoutMs: number }) {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DeliveryError('timeout', `the MQTT broker did not answer within ${options.timeoutMs} ms`)),
    options.timeoutMs,
  );
  // An abort is the dispatcher giving up on this attempt; "timeout" keeps it retryable for the next one.
  const onAbort = () => controller.abort(new DeliveryError('timeout', 'the attempt was stopped before the MQTT broker answered', { cause: options.signal.reason }));
  if (options.signal.aborted) onAbort();
  else options.signal.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
    },
  };
}

function fromOutboundError(error: unknown): DeliveryError {
  if (!(error instanceof OutboundError)) return new DeliveryError('provider', 'could not look up the MQTT broker', { cause: error });
  switch (error.kind) {
    case 'forbidden_target':
    case 'invalid_url':
      return new DeliveryError('configuration', `the MQTT broker cannot be used: ${error.message}`, { cause: error });
    case 'timeout':
    case 'aborted':
      return new DeliveryError('timeout', error.message, { cause: error });
    default:
      // A name that does not resolve may be a typo or a DNS outage: retry, then fall through.
      return new DeliveryError('provider', error.message, { cause: error });
  }
}

const TLS_CERTIFICATE_ERROR = /^(ERR_TLS_CERT_ALTNAME_INVALID|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_|ERR_SSL_)/;

/** mqtt.js errors: numeric codes are the broker's reason codes, string codes come from the socket; anything else is a broker speaking something other than MQTT. */
function fromClientError(error: Error | ErrorWithReasonCode, stage: 'connection' | 'message', socketError?: string): DeliveryError {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'number') return reasonCodeError(stage, code);
  const name = typeof code === 'string' && /^[A-Z0-9_]{2,60}$/.test(code) ? code : socketError;
  if (name && TLS_CERTIFICATE_ERROR.test(name)) {
    return new DeliveryError('configuration', `the MQTT broker's TLS certificate was not accepted (${name})`);
  }
  if (name) return new DeliveryError('provider', `could not reach the MQTT broker (${name})`);
  return new DeliveryError('provider', 'the MQTT broker answered with something that is not valid MQTT');
}

/**
 * A TCP proxy on 127.0.0.1 in front of a real broker (the machine's Mosquitto), for the MQTT
 * driver's tests: it passes everything through unless told how to treat the next connection
 * (refuse it with a CONNACK reason code, never answer it, or swallow its PUBLISH packets). It
 * reads the client's CONNECT to answer in the protocol version the client speaks (3.1.1: return
 * code; 5: reason code plus a reason string, where harnesses put foreign text).
 */
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';

export type RefusalCode = 'server_unavailable' | 'not_authorized' | 'bad_credentials';

export type ProxyMode =
  | { kind: 'pass' }
  /** Answers CONNECT with a refusing CONNACK and closes; `reasonString` goes into an MQTT 5 CONNACK. */
  | { kind: 'refuse'; code: RefusalCode; reasonString?: string }
  /** Accepts the connection and never answers. */
  | { kind: 'hang' }
  /** Passes the session through but drops the client's PUBLISH packets (no PUBACK ever comes). */
  | { kind: 'swallow_publish' };

export interface SeenConnect {
  protocolVersion: number;
  clientId: string;
  username: string | undefined;
  hasPassword: boolean;
}

export interface MqttProxy {
  url: string;
  port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Every CONNECT seen, in order. */
  readonly connects: readonly SeenConnect[];
  /** Applies to the next connection (queued: several calls treat several connections). */
  next(mode: ProxyMode): void;
  close(): Promise<void>;
}

const REFUSALS: Record<RefusalCode, { v4: number; v5: number }> = {
  server_unavailable: { v4: 0x03, v5: 0x88 },
  bad_credentials: { v4: 0x04, v5: 0x86 },
  not_authorized: { v4: 0x05, v5: 0x87 },
};

export async function startMqttProxy(upstream: { host: string; port: number }): Promise<MqttProxy> {
  const queue: ProxyMode[] = [];
  const connects: SeenConnect[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;

  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    return socket;
  };

  const server = net.createServer((client) => {
    connections += 1;
    track(client);
    const mode = queue.shift() ?? { kind: 'pass' };
    if (mode.kind === 'hang') return; // read nothing, answer nothing

    const framer = createFramer();
    let upstreamSocket: net.Socket | undefined;
    let sawConnect = false;

    client.on('data', (chunk: Buffer) => {
      for (const packet of framer.push(chunk)) {
        if (!sawConnect) {
          sawConnect = true;
          const connect = parseConnect(packet);
          connects.push(connect);
          if (mode.kind === 'refuse') {
            client.end(connack(connect.protocolVersion, mode.code, mode.reasonString));
            return;
          }
          upstreamSocket = track(net.connect(upstream));
          upstreamSocket.pipe(client);
          upstreamSocket.on('close', () => client.destroy());
          client.on('close', () => upstreamSocket?.destroy());
        }
        const isPublish = packet[0]! >> 4 === 3;
        if (mode.kind === 'swallow_publish' && isPublish) continue;
        upstreamSocket?.write(packet);
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    get connections() {
      return connections;
    },
    connects,
    next: (mode) => {
      queue.push(mode);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Splits a byte stream into whole MQTT control packets (fixed header + remaining length). */
function createFramer() {
  let buffer = Buffer.alloc(0);
  return {
    push(chunk: Buffer): Buffer[] {
      buffer = Buffer.concat([buffer, chunk]);
      const packets: Buffer[] = [];
      for (;;) {
        const length = readVarInt(buffer, 1);
        if (!length) break;
        const total = 1 + length.bytes + length.value;
        if (buffer.length < total) break;
        packets.push(buffer.subarray(0, total));
        buffer = buffer.subarray(total);
      }
      return packets;
    },
  };
}

function readVarInt(buffer: Buffer, offset: number): { value: number; bytes: number } | undefined {
  let value = 0;
  for (let index = 0; index < 4; index += 1) {
    const byte = buffer[offset + index];
    if (byte === undefined) return undefined;
    value += (byte & 0x7f) * 128 ** index;
    if ((byte & 0x80) === 0) return { value, bytes: index + 1 };
  }
  throw new Error('malformed MQTT remaining length');
}

function parseConnect(packet: Buffer): SeenConnect {
  if (packet[0] !== 0x10) throw new Error(`expected CONNECT, got packet type ${packet[0]! >> 4}`);
  let offset = 1 + readVarInt(packet, 1)!.bytes;
  const readString = () => {
    const length = packet.readUInt16BE(offset);
    const text = packet.subarray(offset + 2, offset + 2 + length).toString('utf8');
    offset += 2 + length;
    return text;
  };
  readString(); // "MQTT" (or "MQIsdp" for 3.1)
  const protocolVersion = packet[offset]!;
  const flags = packet[offset + 1]!;
  offset += 4; // level, flags, keep-alive
  if (protocolVersion === 5) {
    const properties = readVarInt(packet, offset)!;
    offset += properties.bytes + properties.value;
  }
  const clientId = readString();
  const hasWill = (flags & 0x04) !== 0;
  // The driver sets no will; with one, the user name would sit behind it and is not read here.
  const username = !hasWill && (flags & 0x80) !== 0 ? readString() : undefined;
  return { protocolVersion, clientId, username, hasPassword: (flags & 0x40) !== 0 };
}

function connack(protocolVersion: number, code: RefusalCode, reasonString: string | undefined): Buffer {
  const codes = REFUSALS[code];
  if (protocolVersion !== 5) return Buffer.from([0x20, 0x02, 0x00, codes.v4]);
  const properties = reasonString === undefined ? Buffer.alloc(0) : Buffer.concat([Buffer.from([0x1f]), utf8String(reasonString)]);
  const variable = Buffer.concat([Buffer.from([0x00, codes.v5]), varInt(properties.length), properties]);
  return Buffer.concat([Buffer.from([0x20]), varInt(variable.length), variable]);
}

function utf8String(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function varInt(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  do {
    let byte = rest % 128;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest > 0);
  return Buffer.from(bytes);
}

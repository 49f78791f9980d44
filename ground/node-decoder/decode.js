#!/usr/bin/env node
// An independent decoder for lunarbase-fsw: subscribes to a controller's topics, learns the wire
// schema from the retained `schema` topic (a protobuf FileDescriptorSet), and prints one JSON line
// per decoded message. It has no compiled classes and shares no code with the Java side.
//
//   node decode.js --broker mqtt://127.0.0.1:1883 --root lunarbase/v1/lunar-south/bank-ctl-1 [--count N] [--timeout S]
'use strict';

const mqtt = require('mqtt');
const protobuf = require('protobufjs');
const descriptor = require('protobufjs/ext/descriptor');

function parseArgs(argv) {
  const args = { broker: 'mqtt://127.0.0.1:1883', root: null, count: Infinity, timeout: 0 };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in args)) throw new Error(`unknown option --${key}`);
    args[key] = key === 'count' || key === 'timeout' ? Number(argv[i + 1]) : argv[i + 1];
  }
  if (!args.root) throw new Error('--root lunarbase/v1/{site}/{controller} is required');
  return args;
}

// Which message type a topic carries, by its last levels.
function typeFor(subtopic) {
  if (subtopic === 'state') return 'lunarbase.v1.ControllerState';
  if (subtopic === 'evt') return 'lunarbase.v1.Event';
  if (subtopic.startsWith('tlm/')) return 'lunarbase.v1.TelemetryFrame';
  return null;
}

function main() {
  const args = parseArgs(process.argv);
  const client = mqtt.connect(args.broker, { protocolVersion: 4, clean: true, reconnectPeriod: 500 });
  let root = null; // the protobufjs Root built from the retained schema
  const waiting = []; // messages that arrived before the schema
  let printed = 0;

  const finish = (code) => {
    client.end(true, () => process.exit(code));
  };
  if (args.timeout > 0) {
    setTimeout(() => {
      process.stderr.write(`decode.js: timed out after ${args.timeout} s with ${printed} messages\n`);
      finish(3);
    }, args.timeout * 1000);
  }

  const decode = (topic, payload) => {
    const subtopic = topic.slice(args.root.length + 1);
    const typeName = typeFor(subtopic);
    if (!typeName || printed >= args.count) return; // messages already queued when the count was reached
    let line;
    try {
      const type = root.lookupType(typeName);
      const message = type.decode(payload);
      line = { topic, type: typeName, message: type.toObject(message, { longs: String, enums: String, defaults: false }) };
    } catch (e) {
      line = { topic, error: String(e.message || e) };
    }
    process.stdout.write(JSON.stringify(line) + '\n');
    printed += 1;
    if (printed >= args.count) finish(0);
  };

  client.on('connect', () => {
    client.subscribe([`${args.root}/schema`, `${args.root}/state`, `${args.root}/tlm/#`, `${args.root}/evt`], { qos: 1 });
  });
  client.on('error', (e) => {
    process.stderr.write(`decode.js: ${e.message}\n`);
  });
  client.on('message', (topic, payload) => {
    if (topic === `${args.root}/schema`) {
      const set = descriptor.FileDescriptorSet.decode(payload);
      root = protobuf.Root.fromDescriptor(set);
      waiting.splice(0).forEach(([t, p]) => decode(t, p));
      return;
    }
    if (root === null) {
      waiting.push([topic, payload]);
      return;
    }
    decode(topic, payload);
  });
}

try {
  main();
} catch (e) {
  process.stderr.write(`decode.js: ${e.message}\n`);
  process.exit(2);
}

#!/usr/bin/env node
// An independent decoder for lunarbase-fsw: subscribes to a controller's topics, learns the wire
// schema from the retained `schema` topic (a protobuf FileDescriptorSet), and prints one JSON line
// per decoded message. It has no compiled classes and shares no code with the Java side.
//
//   node decode.js --broker mqtt://127.0.0.1:1883 --root lunarbase/v1/lunar-south/bank-ctl-1 [--count N] [--timeout S]
//   node decode.js --broker mqtts://site-broker:8883 --ca ca.crt --cert me.crt --key me.key --root ...
//
// Trust: anybody who may publish on the schema topic could make a decoder print wrong values, so
// the schema is used only if its SHA-256 is the `schema_hash` of the controller's birth
// (ControllerState on `state`). The birth cannot be decoded with the schema it is to check, so its
// hash is read with the one field of ControllerState this script knows by heart: field 5, a
// string. Field numbers of the wire schema are never reused (proto/README), so that layout holds
// for every later schema. A schema that is not the birth's, or one without a birth, is one line on
// stderr, and the controller's messages are printed as {"topic", "error"} lines, not decoded.
// Birth and schema are judged together only after GRACE_MS, since the firmware publishes its
// schema just before its birth (an upgrade would otherwise look like a forgery for a moment).
//
// TLS: an mqtts:// broker with --ca (the site CA, the only one trusted), and --cert/--key for a
// client certificate, whose CN is then the client id. --username and --password-file (first line)
// for a broker with passwords. Exit codes: 0 --count messages printed, 2 bad arguments or a broker
// that cannot be used (TLS refused, not authorized), 3 --timeout.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const mqtt = require('mqtt');
const protobuf = require('protobufjs');
const descriptor = require('protobufjs/ext/descriptor');

const GRACE_MS = 500;
const SHA256 = /^[0-9a-f]{64}$/;
// The one field of lunarbase.v1.ControllerState read before any schema is trusted.
const BIRTH = protobuf.Root.fromJSON({ nested: { Birth: { fields: { schema_hash: { type: 'string', id: 5 } } } } })
  .lookupType('Birth');

function parseArgs(argv) {
  const args = {
    broker: 'mqtt://127.0.0.1:1883', root: null, count: Infinity, timeout: 0,
    ca: null, cert: null, key: null, username: null, 'password-file': null,
  };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in args) || i + 1 >= argv.length) throw new Error(`unknown option or missing value: ${argv[i]}`);
    args[key] = key === 'count' || key === 'timeout' ? Number(argv[i + 1]) : argv[i + 1];
  }
  if (!args.root) throw new Error('--root lunarbase/v1/{site}/{controller} is required');
  if ((args.cert === null) !== (args.key === null)) throw new Error('--cert and --key go together');
  const tls = args.broker.startsWith('mqtts://');
  if (!tls && (args.ca || args.cert)) throw new Error(`--ca, --cert and --key need an mqtts:// broker, not ${args.broker}`);
  if (tls && !args.ca) throw new Error('an mqtts:// broker needs --ca FILE: the site CA\'s certificate');
  if (args['password-file'] && !args.username) throw new Error('--password-file needs --username');
  return args;
}

function read(file, what) {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new Error(`cannot read the ${what} ${file} (${e.code || e.message})`);
  }
}

// mqtt.js options: TLS files, the certificate's CN as client id, a password from a file.
function connectOptions(args) {
  const options = { protocolVersion: 4, clean: true, reconnectPeriod: 500 };
  if (args.ca) {
    options.ca = read(args.ca, 'CA certificate');
    options.rejectUnauthorized = true;
  }
  if (args.cert) {
    options.cert = read(args.cert, 'certificate');
    options.key = read(args.key, 'key');
    const cn = new crypto.X509Certificate(options.cert).subject.split('\n').find((l) => l.startsWith('CN='));
    if (!cn) throw new Error(`${args.cert}: the certificate's subject has no CN, which names the identity`);
    options.clientId = cn.slice(3);
  }
  if (args.username) options.username = args.username;
  if (args['password-file']) {
    const first = read(args['password-file'], 'password file').toString('utf8').split(/\r?\n/)[0];
    if (!first) throw new Error(`${args['password-file']}: the first line (the password) is empty`);
    options.password = first;
  }
  return options;
}

// TLS failures that no reconnection will cure, in an operator's words; null for anything else.
function tlsFailure(e, args) {
  const code = e.code || '';
  if (['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_SIGNATURE_FAILURE'].includes(code)) {
    return `the broker's certificate is not signed by the CA in ${args.ca} (TLS: ${code})`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `the broker's certificate does not name its host (TLS: ${e.message})`;
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return `the broker's certificate is not valid now (TLS: ${code})`;
  if (/Not authorized|Bad username or password/i.test(e.message)) return `the broker refused this client: ${e.message}`;
  return null;
}

function main() {
  const args = parseArgs(process.argv);
  const client = mqtt.connect(args.broker, connectOptions(args));
  const short = (hash) => (hash || '').slice(0, 12);
  const roots = new Map(); // schema hash -> protobufjs Root, for sets whose bytes hash to it
  const trust = { birthHash: null, birthAt: 0, publishedHash: null, publishedAt: 0 };
  const waiting = []; // messages held until birth and schema are settled
  const noted = new Set();
  let timer = null;
  let printed = 0;

  const note = (text) => {
    if (!noted.has(text)) {
      noted.add(text);
      process.stderr.write(`decode.js: ${text}\n`);
    }
  };
  const finish = (code) => {
    client.end(true, () => process.exit(code));
  };
  if (args.timeout > 0) {
    setTimeout(() => {
      process.stderr.write(`decode.js: timed out after ${args.timeout} s with ${printed} messages\n`);
      finish(3);
    }, args.timeout * 1000);
  }

  // What the controller's messages are decoded with now: {root}, {wait: ms}, or {refuse: reason}.
  const verdict = (now) => {
    const { birthHash, publishedHash } = trust;
    const disagree = birthHash && publishedHash && birthHash !== publishedHash;
    const since = Math.max(trust.birthAt, trust.publishedAt);
    const settled = now - since >= GRACE_MS;
    const mismatch = () => `${args.root}: schema on ${args.root}/schema does not match the birth's hash`
      + ` (sha256 ${short(publishedHash)} vs ${short(birthHash)})`;
    if (birthHash && roots.has(birthHash)) {
      if (disagree && settled) note(`${mismatch()}: ignoring it, decoding with the birth's schema (seen before)`);
      return { root: roots.get(birthHash) };
    }
    if (!birthHash && !publishedHash) return { wait: GRACE_MS };
    if (!settled) return { wait: GRACE_MS - (now - since) };
    if (disagree) {
      note(`${mismatch()}: not decoding its messages`);
      return { refuse: 'its schema is not the one its birth names' };
    }
    if (publishedHash && !birthHash) {
      note(`${args.root}: schema on ${args.root}/schema (sha256 ${short(publishedHash)}) came without a birth`
        + ' naming it: not decoding its messages until one does');
      return { refuse: 'no birth names its schema' };
    }
    if (birthHash && birthHash === publishedHash) return { refuse: 'its schema is unusable' };
    return { wait: GRACE_MS }; // a birth without its schema: the schema may still come
  };

  // Keeps only the sets the birth or the schema topic names, so a flood of schemas cannot pile up.
  const prune = () => {
    for (const hash of roots.keys()) {
      if (hash !== trust.birthHash && hash !== trust.publishedHash) roots.delete(hash);
    }
  };

  const print = (line) => {
    if (printed >= args.count) return; // messages already queued when the count was reached
    process.stdout.write(JSON.stringify(line) + '\n');
    printed += 1;
    if (printed >= args.count) finish(0);
  };

  const show = (topic, payload, judged) => {
    const subtopic = topic.slice(args.root.length + 1);
    const typeName = subtopic === 'state' ? 'lunarbase.v1.ControllerState' : subtopic === 'evt' ? 'lunarbase.v1.Event'
      : subtopic.startsWith('tlm/') ? 'lunarbase.v1.TelemetryFrame' : null;
    if (!typeName) return;
    if (judged.refuse) {
      print({ topic, error: `not decoded: ${judged.refuse}` });
      return;
    }
    try {
      const type = judged.root.lookupType(typeName);
      const message = type.decode(payload);
      print({ topic, type: typeName, message: type.toObject(message, { longs: String, enums: String, defaults: false }) });
    } catch (e) {
      print({ topic, error: String(e.message || e) });
    }
  };

  const drain = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (waiting.length === 0) return;
    const judged = verdict(Date.now());
    if (judged.wait !== undefined) {
      timer = setTimeout(drain, Math.max(judged.wait, 10));
      return;
    }
    waiting.splice(0).forEach(([t, p]) => show(t, p, judged));
  };

  client.on('connect', () => {
    client.subscribe([`${args.root}/schema`, `${args.root}/state`, `${args.root}/tlm/#`, `${args.root}/evt`], { qos: 1 });
  });
  client.on('error', (e) => {
    const fatal = tlsFailure(e, args);
    process.stderr.write(`decode.js: ${fatal || e.message}\n`);
    if (fatal) finish(2);
  });
  client.on('message', (topic, payload) => {
    const now = Date.now();
    if (topic === `${args.root}/schema`) {
      const hash = crypto.createHash('sha256').update(payload).digest('hex');
      if (!roots.has(hash)) {
        try {
          roots.set(hash, protobuf.Root.fromDescriptor(descriptor.FileDescriptorSet.decode(payload)));
        } catch (e) {
          note(`${args.root}: the schema on ${args.root}/schema is unusable (${e.message})`);
        }
      }
      if (hash !== trust.publishedHash) Object.assign(trust, { publishedHash: hash, publishedAt: now });
      prune();
      drain();
      return;
    }
    if (topic === `${args.root}/state`) {
      let hash = null;
      try {
        hash = BIRTH.decode(payload).schema_hash;
      } catch (e) {
        // not a ControllerState: shown (undecodable) as any other message, names no schema
      }
      if (hash && SHA256.test(hash) && hash !== trust.birthHash) {
        Object.assign(trust, { birthHash: hash, birthAt: now });
        prune();
      }
    }
    waiting.push([topic, payload]);
    drain();
  });
}

try {
  main();
} catch (e) {
  process.stderr.write(`decode.js: ${e.message}\n`);
  process.exit(2);
}

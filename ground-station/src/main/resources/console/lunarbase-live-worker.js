/*
 * The console's live feed, off the page's main thread: one WebSocket to the station's /realtime
 * (subscribe/unsubscribe lines out; {"key":…,"points":[[utc,value],…]} or {"key":…,"records":[…]}
 * in), decoded here, merged per key, and handed to the page at most every 100 ms as one message
 * {type: 'data', points: {key: [[utc, value], …]}, records: {key: [record, …]}}. Reconnects every
 * second and subscribes again; a message that is not what the station sends is counted and dropped.
 */
'use strict';

const subscriptions = new Set();
let socket = null;
let open = false;
let url = null;
let points = new Map();
let records = new Map();
let dropped = 0;

function append(table, key, items) {
  const held = table.get(key);
  if (held) {
    for (let i = 0; i < items.length; i++) {
      held.push(items[i]);
    }
  } else {
    table.set(key, items.slice());
  }
}

function received(text) {
  let message;
  try {
    message = JSON.parse(text);
  } catch (e) {
    dropped++;
    return;
  }
  if (!message || typeof message.key !== 'string') {
    dropped++;
    return;
  }
  if (!subscriptions.has(message.key)) {
    return;
  }
  if (Array.isArray(message.points)) {
    append(points, message.key, message.points.filter((p) => Array.isArray(p) && typeof p[0] === 'number'));
  } else if (Array.isArray(message.records)) {
    append(records, message.key, message.records);
  } else {
    dropped++;
  }
}

function connect() {
  socket = new WebSocket(url);
  socket.onopen = function () {
    open = true;
    if (subscriptions.size) {
      socket.send(Array.from(subscriptions, (k) => 'subscribe ' + k).join('\n'));
    }
  };
  socket.onmessage = function (event) {
    received(event.data);
  };
  socket.onclose = function () {
    open = false;
    setTimeout(connect, 1000);
  };
}

function flush() {
  if (points.size === 0 && records.size === 0) {
    return;
  }
  self.postMessage({ type: 'data', points: Object.fromEntries(points), records: Object.fromEntries(records), dropped });
  points = new Map();
  records = new Map();
}

self.onmessage = function (event) {
  const command = event.data;
  if (command.type === 'start' && url === null) {
    url = command.url;
    connect();
    setInterval(flush, Math.min(100, command.pace));
  } else if (command.type === 'subscribe') {
    subscriptions.add(command.key);
    if (open) {
      socket.send('subscribe ' + command.key);
    }
  } else if (command.type === 'unsubscribe') {
    subscriptions.delete(command.key);
    points.delete(command.key);
    records.delete(command.key);
    if (open) {
      socket.send('unsubscribe ' + command.key);
    }
  }
};

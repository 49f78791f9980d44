/*
 * The ground station's Open MCT plugin. Builds the tree site -> controllers -> subsystems ->
 * channels and frame fields from what the station has learnt (GET api/site: schemas, catalogues,
 * dictionaries, every archived series; the subsystems and channels a controller's dictionary
 * declares, with their units and limits, and a Commands view of what it accepts), serves history from the archive (api/history, decimated to min/max at
 * plot width with Open MCT's "minmax" strategy, exact when zoomed in), live data over one
 * WebSocket (/realtime) read in a Web Worker and delivered with the clock's tick, limits and colours from each controller's catalogue, the event log and
 * the command/ack history as telemetry tables, and a fleet overview of its own.
 */
(function () {
  'use strict';

  const NS = 'lunarbase';
  const ROOT = { namespace: NS, key: 'site' };

  const LIMIT_STYLES = {
    RED_HI: { cssClass: 'is-limit--upr is-limit--red', name: 'Red High' },
    RED_LO: { cssClass: 'is-limit--lwr is-limit--red', name: 'Red Low' },
    YELLOW_HI: { cssClass: 'is-limit--upr is-limit--yellow', name: 'Yellow High' },
    YELLOW_LO: { cssClass: 'is-limit--lwr is-limit--yellow', name: 'Yellow Low' }
  };

  function esc(text) {
    return String(text).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;',
      "'": '&#39;' }[ch]));
  }

  function finite(x) {
    return typeof x === 'number' && isFinite(x);
  }

  function level(value, limits) {
    if (!limits || !finite(value)) {
      return undefined;
    }
    if (finite(limits.redHigh) && value > limits.redHigh) { return 'RED_HI'; }
    if (finite(limits.redLow) && value < limits.redLow) { return 'RED_LO'; }
    if (finite(limits.yellowHigh) && value > limits.yellowHigh) { return 'YELLOW_HI'; }
    if (finite(limits.yellowLow) && value < limits.yellowLow) { return 'YELLOW_LO'; }
    return undefined;
  }

  /**
   * The live feed: the station's WebSocket is read and decoded in a Web Worker
   * (lunarbase-live-worker.js), which merges what came per series and posts it every 100 ms.
   * The page holds it until the next tick of the paced clock, which hands it to Open MCT first and
   * then moves the time axis: each plot draws once per pace for its new points and its scroll.
   */
  function LiveFeed(pace) {
    const listeners = new Map();
    let pending = { points: {}, records: {} };
    const worker = new Worker('lunarbase-live-worker.js');
    const base = new URL('realtime', window.location.href);
    base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    worker.postMessage({ type: 'start', url: base.toString(), pace });
    worker.onmessage = function (event) {
      const data = event.data;
      if (data.type !== 'data') {
        return;
      }
      merge(pending.points, data.points);
      merge(pending.records, data.records);
      if (window.lunarbaseStats) {
        window.lunarbaseStats.dropped = data.dropped;
      }
    };

    function merge(into, from) {
      Object.keys(from).forEach((key) => {
        into[key] = into[key] ? into[key].concat(from[key]) : from[key];
      });
    }

    return {
      /** Hands what arrived since the last call to the listeners, one call per key. */
      deliver() {
        const taken = pending;
        pending = { points: {}, records: {} };
        [taken.points, taken.records].forEach((table) => {
          Object.keys(table).forEach((key) => {
            const callbacks = listeners.get(key);
            if (callbacks) {
              callbacks.forEach((cb) => cb(table[key]));
            }
          });
        });
      },
      listen(key, callback) {
        let callbacks = listeners.get(key);
        if (!callbacks) {
          callbacks = new Set();
          listeners.set(key, callbacks);
          worker.postMessage({ type: 'subscribe', key });
        }
        callbacks.add(callback);
        return function () {
          callbacks.delete(callback);
          if (callbacks.size === 0 && listeners.get(key) === callbacks) {
            listeners.delete(key);
            worker.postMessage({ type: 'unsubscribe', key });
          }
        };
      }
    };
  }

  /**
   * Open MCT's local clock ('local'), ticking every `pace` ms instead of every 100 ms: each tick
   * first delivers the live feed, then moves the bounds, so live points and the scroll of a plot
   * cost one draw. At 500 ms a 15-minute plot 1600 pixels wide moves about a pixel a tick.
   */
  function PacedClock(pace, beforeTick) {
    const callbacks = new Set();
    let last = Date.now();
    setInterval(() => {
      beforeTick();
      last = Date.now();
      callbacks.forEach((cb) => cb(last));
    }, pace);
    return {
      key: 'local',
      name: 'Local Clock',
      cssClass: 'icon-clock',
      description: 'Provides UTC timestamps every ' + pace + ' ms from the local system clock.',
      on(event, callback) {
        if (event === 'tick') {
          callbacks.add(callback);
        }
        return this;
      },
      off(event, callback) {
        if (event === 'tick') {
          callbacks.delete(callback);
        }
        return this;
      },
      currentValue() {
        return last;
      }
    };
  }

  /**
   * How plots draw. Open MCT draws with WebGL when it gets a context, else with canvas 2D. Without
   * a GPU, WebGL is emulated on the CPU (SwiftShader, llvmpipe) and every draw is rasterised and
   * copied for compositing: with 13 live plots that is most of the main thread, several times what
   * canvas 2D costs (ground-station README, Measurements). So with a software WebGL ('auto'), or
   * when asked ('canvas'), the page gives out no WebGL context and Open MCT uses its 2D drawing;
   * 'webgl' leaves it alone. Returns what was chosen and why.
   */
  function choosePlotDrawing(mode) {
    if (mode === 'webgl') {
      return 'webgl (asked)';
    }
    let reason = 'asked';
    if (mode !== 'canvas') {
      const gl = document.createElement('canvas').getContext('webgl');
      if (!gl) {
        return 'canvas (no WebGL)';
      }
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      const lose = gl.getExtension('WEBGL_lose_context');
      if (lose) {
        lose.loseContext();
      }
      if (!/swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer)) {
        return 'webgl (' + renderer + ')';
      }
      reason = 'software WebGL: ' + renderer;
    }
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, attributes) {
      return type === 'webgl' || type === 'experimental-webgl' || type === 'webgl2'
        ? null : getContext.call(this, type, attributes);
    };
    return 'canvas (' + reason + ')';
  }

  /**
   * The plugin; install it after the UTC time system and before the time conductor (its clock
   * replaces Open MCT's 100 ms local clock). `options.pace`: ms between live deliveries and clock
   * ticks (default 500); `options.plotDrawing`: 'auto' (default), 'canvas' or 'webgl'
   * (choosePlotDrawing).
   */
  function LunarbasePlugin(options) {
    const pace = (options && options.pace) || 500;
    const plotDrawing = (options && options.plotDrawing) || 'auto';
    return function install(openmct) {
      let sitePromise = null;
      let siteLoadedAt = 0;
      const realtime = LiveFeed(pace);
      openmct.time.addClock(PacedClock(pace, realtime.deliver));

      function site() {
        if (!sitePromise || Date.now() - siteLoadedAt > 5000) {
          siteLoadedAt = Date.now();
          sitePromise = fetch('api/site').then((r) => r.json());
        }
        return sitePromise;
      }

      function controllerOf(s, key) {
        return s.controllers.find((c) => c.key === key);
      }

      function seriesOf(s, controllerKey, name) {
        const c = controllerOf(s, controllerKey);
        return c && c.series.find((x) => x.name === name);
      }

      // identifier keys travel in URL paths, split at '/': a controller site/controller is written site.controller
      function split(key) {
        const parts = key.split('~');
        return { kind: parts[0], controller: (parts[1] || '').replace('.', '/'), rest: parts.slice(2).join('~') };
      }

      function enc(controllerKey) {
        return controllerKey.replace('/', '.');
      }

      const stats = window.lunarbaseStats = { realtime: {}, history: {}, dropped: 0,
        plotDrawing: choosePlotDrawing(plotDrawing) };
      console.info('lunarbase console: plots drawn with ' + stats.plotDrawing);
      function count(table, key, n) {
        table[key] = (table[key] || 0) + n;
      }

      openmct.types.addType('lunarbase.site', { name: 'Site', cssClass: 'icon-folder' });
      openmct.types.addType('lunarbase.controller', { name: 'Controller', cssClass: 'icon-object' });
      openmct.types.addType('lunarbase.subsystem', { name: 'Subsystem', cssClass: 'icon-folder' });
      openmct.types.addType('lunarbase.telemetry', { name: 'Telemetry point', cssClass: 'icon-telemetry' });
      openmct.types.addType('lunarbase.commands', { name: 'Commands', cssClass: 'icon-list-view' });
      openmct.types.addType('lunarbase.log', { name: 'Log', cssClass: 'icon-tabular-realtime' });
      openmct.types.addType('lunarbase.fleet', { name: 'Fleet overview', cssClass: 'icon-dataset' });

      openmct.objects.addRoot(ROOT);

      const LOGS = {
        events: {
          name: 'Event log',
          values: [
            { key: 'utc', source: 'utc', name: 'Time', format: 'utc', hints: { domain: 1 } },
            { key: 'controller', name: 'Controller', format: 'string', hints: { range: 1 } },
            { key: 'severity', name: 'Severity', format: 'string', hints: { range: 2 } },
            { key: 'event', name: 'Event', format: 'string', hints: { range: 3 } },
            { key: 'subsystem', name: 'Subsystem', format: 'string', hints: { range: 4 } },
            { key: 'text', name: 'Text', format: 'string', hints: { range: 5 } },
            { key: 'historical', name: 'Historical', format: 'string', hints: { range: 6 } }
          ]
        },
        commands: {
          name: 'Commands and acks',
          values: [
            { key: 'utc', source: 'utc', name: 'Time', format: 'utc', hints: { domain: 1 } },
            { key: 'controller', name: 'Controller', format: 'string', hints: { range: 1 } },
            { key: 'kind', name: 'Kind', format: 'string', hints: { range: 2 } },
            { key: 'command', name: 'Command', format: 'string', hints: { range: 3 } },
            { key: 'status', name: 'Status', format: 'string', hints: { range: 4 } },
            { key: 'reason', name: 'Reason', format: 'string', hints: { range: 5 } },
            { key: 'key', name: 'Key', format: 'string', hints: { range: 6 } },
            { key: 'text', name: 'Text', format: 'string', hints: { range: 7 } }
          ]
        }
      };

      openmct.objects.addProvider(NS, {
        get(identifier) {
          const key = identifier.key;
          if (key === 'site') {
            return site().then((s) => ({
              identifier, name: 'Site (' + s.root + ')', type: 'lunarbase.site', location: 'ROOT'
            }));
          }
          if (key === 'fleet') {
            return Promise.resolve({ identifier, name: 'Fleet overview', type: 'lunarbase.fleet', location: NS + ':site' });
          }
          if (key.startsWith('log~')) {
            const log = LOGS[key.substring(4)];
            return Promise.resolve({
              identifier, name: log.name, type: 'lunarbase.log', location: NS + ':site',
              telemetry: { values: log.values }
            });
          }
          const parts = split(key);
          if (parts.kind === 'stack') {
            // stack~site.controller~name,name,...: those series as one stacked plot (bookmarkable)
            const names = parts.rest.split(',').filter((n) => n.length);
            return Promise.resolve({
              identifier, name: parts.controller + ': ' + names.length + ' plots', type: 'telemetry.plot.stacked',
              location: NS + ':site', configuration: { series: [] },
              composition: names.map((n) => ({ namespace: NS, key: 'tlm~' + enc(parts.controller) + '~' + n }))
            });
          }
          if (parts.kind === 'ctl') {
            return Promise.resolve({
              identifier, name: parts.controller, type: 'lunarbase.controller', location: NS + ':site'
            });
          }
          if (parts.kind === 'cmds') {
            return Promise.resolve({
              identifier, name: 'Commands', type: 'lunarbase.commands', location: NS + ':ctl~' + enc(parts.controller)
            });
          }
          if (parts.kind === 'sub') {
            return Promise.resolve({
              identifier, name: parts.rest, type: 'lunarbase.subsystem', location: NS + ':ctl~' + enc(parts.controller)
            });
          }
          if (parts.kind === 'tlm') {
            return site().then((s) => {
              const series = seriesOf(s, parts.controller, parts.rest) || { name: parts.rest, unit: '', kind: 'FIELD' };
              const subsystem = series.name.indexOf('.') > 0 ? series.name.substring(0, series.name.indexOf('.')) : '';
              const range = {
                key: 'value', name: series.name, unit: series.unit || undefined, format: 'float', hints: { range: 1 }
              };
              return {
                identifier,
                name: series.name.substring(subsystem.length ? subsystem.length + 1 : 0),
                type: 'lunarbase.telemetry',
                location: NS + ':sub~' + enc(parts.controller) + '~' + subsystem,
                lunarbase: {
                  controller: parts.controller, series: series.name, kind: series.kind, limits: series.limits,
                  type: series.type, declared: Boolean(series.declared)
                },
                telemetry: {
                  values: [
                    { key: 'utc', source: 'utc', name: 'Time', format: 'utc', hints: { domain: 1 } },
                    range
                  ]
                }
              };
            });
          }
          return Promise.reject(new Error('no object ' + key));
        }
      });

      openmct.composition.addProvider({
        appliesTo(domainObject) {
          return domainObject.identifier.namespace === NS
            && ['lunarbase.site', 'lunarbase.controller', 'lunarbase.subsystem'].includes(domainObject.type);
        },
        load(domainObject) {
          return site().then((s) => {
            const key = domainObject.identifier.key;
            if (key === 'site') {
              return [{ namespace: NS, key: 'fleet' }, { namespace: NS, key: 'log~events' },
                { namespace: NS, key: 'log~commands' }]
                .concat(s.controllers.map((c) => ({ namespace: NS, key: 'ctl~' + enc(c.key) })));
            }
            const parts = split(key);
            const c = controllerOf(s, parts.controller);
            if (!c) {
              return [];
            }
            if (parts.kind === 'ctl') {
              // with a dictionary: its subsystems too (those without series yet), and what it accepts
              const declared = c.dictionary ? c.dictionary.subsystems : [];
              const subsystems = Array.from(new Set(c.series.map((x) => x.subsystem).concat(declared)))
                .filter((sub) => sub.length).sort();
              const commands = c.dictionary ? [{ namespace: NS, key: 'cmds~' + enc(c.key) }] : [];
              return commands.concat(subsystems.map((sub) => ({ namespace: NS, key: 'sub~' + enc(c.key) + '~' + sub })));
            }
            const order = { CHANNEL: 0, BATCH: 1, FIELD: 2 };
            return c.series.filter((x) => x.subsystem === parts.rest)
              .sort((a, b) => (order[a.kind] - order[b.kind]) || a.name.localeCompare(b.name))
              .map((x) => ({ namespace: NS, key: 'tlm~' + enc(c.key) + '~' + x.name }));
          });
        }
      });

      function logKey(domainObject) {
        return domainObject.identifier.key.substring(4);
      }

      openmct.telemetry.addProvider({
        supportsRequest(domainObject) {
          return domainObject.type === 'lunarbase.telemetry' || domainObject.type === 'lunarbase.log';
        },
        supportsSubscribe(domainObject) {
          return domainObject.type === 'lunarbase.telemetry' || domainObject.type === 'lunarbase.log';
        },
        supportsBatching() {
          return true;
        },
        request(domainObject, options) {
          const start = Math.floor(options.start);
          const end = Math.ceil(options.end);
          if (domainObject.type === 'lunarbase.log') {
            return fetch('api/log/' + logKey(domainObject) + '?start=' + start + '&end=' + end)
              .then((r) => r.json())
              .then((rows) => rows.map((row) => Object.assign(row, { historical: String(row.historical) })));
          }
          const lb = domainObject.lunarbase;
          const query = new URLSearchParams({
            controller: lb.controller, channel: lb.series, start: String(start), end: String(end),
            size: String(options.size || 1000)
          });
          if (options.strategy === 'minmax') {
            query.set('strategy', 'minmax');
          }
          if (options.strategy === 'latest') {
            query.set('strategy', 'minmax');
            query.set('size', '1');
          }
          return fetch('api/history?' + query.toString(), { signal: options.signal })
            .then((r) => r.json())
            .then((data) => {
              count(stats.history, lb.controller + '/' + lb.series, data.length);
              return options.strategy === 'latest' ? data.slice(-1) : data;
            });
        },
        subscribe(domainObject, callback) {
          if (domainObject.type === 'lunarbase.log') {
            return realtime.listen('log:' + logKey(domainObject), (records) => {
              const rows = records.map((row) => Object.assign({}, row, { historical: String(row.historical) }));
              if (rows.length) {
                callback(rows);
              }
            });
          }
          const lb = domainObject.lunarbase;
          const key = lb.controller + '/' + lb.series;
          return realtime.listen(key, (points) => {
            const data = points.map((p) => ({ utc: p[0], value: p[1] }));
            count(stats.realtime, key, data.length);
            if (data.length) {
              callback(data);
            }
          });
        },
        supportsLimits(domainObject) {
          return domainObject.type === 'lunarbase.telemetry' && Boolean(domainObject.lunarbase.limits);
        },
        getLimitEvaluator(domainObject) {
          const limits = domainObject.lunarbase.limits;
          return {
            evaluate(datum, valueMetadata) {
              if (valueMetadata && valueMetadata.key !== 'value') {
                return undefined;
              }
              const l = level(datum.value, limits);
              return l ? LIMIT_STYLES[l] : undefined;
            }
          };
        },
        getLimits(domainObject) {
          const limits = domainObject.lunarbase.limits || {};
          return {
            limits() {
              const result = {};
              if (finite(limits.yellowLow) || finite(limits.yellowHigh)) {
                result.WARNING = {};
                if (finite(limits.yellowLow)) { result.WARNING.low = { color: 'yellow', value: limits.yellowLow }; }
                if (finite(limits.yellowHigh)) { result.WARNING.high = { color: 'yellow', value: limits.yellowHigh }; }
              }
              if (finite(limits.redLow) || finite(limits.redHigh)) {
                result.CRITICAL = {};
                if (finite(limits.redLow)) { result.CRITICAL.low = { color: 'red', value: limits.redLow }; }
                if (finite(limits.redHigh)) { result.CRITICAL.high = { color: 'red', value: limits.redHigh }; }
              }
              return Promise.resolve(result);
            }
          };
        }
      });

      // what a site, controller or subsystem holds, as a list of links (Open MCT's own grid and list
      // views are for its folders only)
      openmct.objectViews.addProvider({
        key: 'lunarbase.contents-view',
        name: 'Contents',
        cssClass: 'icon-list-view',
        canView(domainObject) {
          return ['lunarbase.site', 'lunarbase.controller', 'lunarbase.subsystem'].includes(domainObject.type);
        },
        view(domainObject) {
          return {
            show(element) {
              const root = document.createElement('div');
              root.className = 'lb-contents';
              element.appendChild(root);
              const here = window.location.hash.split('?')[0];
              openmct.composition.get(domainObject).load().then((children) => {
                const list = document.createElement('ul');
                children.forEach((child) => {
                  const item = document.createElement('li');
                  const link = document.createElement('a');
                  link.href = here + '/' + openmct.objects.makeKeyString(child.identifier);
                  link.textContent = child.name;
                  link.className = 'lb-contents__item';
                  const unit = child.telemetry && child.telemetry.values[1] && child.telemetry.values[1].unit;
                  item.appendChild(link);
                  if (unit) {
                    item.appendChild(document.createTextNode(' (' + unit + ')'));
                  }
                  const lb = child.lunarbase;
                  if (lb && lb.declared) {
                    const note = document.createElement('span');
                    note.className = 'lb-contents__declared';
                    note.textContent = ' ' + [lb.type].concat(limitsText(lb.limits)).filter(Boolean).join(', ');
                    item.appendChild(note);
                  }
                  list.appendChild(item);
                });
                root.appendChild(list);
              });
            },
            destroy() {}
          };
        },
        priority() {
          return 1;
        }
      });

      function limitsText(limits) {
        if (!limits) {
          return [];
        }
        const range = (lo, hi) => (finite(lo) ? lo : '-\u221e') + '..' + (finite(hi) ? hi : '\u221e');
        const out = [];
        if (finite(limits.yellowLow) || finite(limits.yellowHigh)) {
          out.push('yellow outside ' + range(limits.yellowLow, limits.yellowHigh));
        }
        if (finite(limits.redLow) || finite(limits.redHigh)) {
          out.push('red outside ' + range(limits.redLow, limits.redHigh));
        }
        return out;
      }

      function argText(a) {
        const bounds = (a.type === 'NUMBER' || a.type === 'INTEGER') ? ' ' + a.min + '..' + a.max
          : a.type === 'DATA' ? ' up to ' + a.max + (a.unit ? '' : ' bytes') : '';
        const choices = a.choices && a.choices.length ? ' (' + a.choices.join(' | ') + ')' : '';
        return a.name + ': ' + a.type + (a.unit ? ' ' + a.unit : '') + bounds + choices;
      }

      // what a controller accepts, from its dictionary: commands (arguments, roles, modes) and parameters
      openmct.objectViews.addProvider({
        key: 'lunarbase.commands-view',
        name: 'Commands',
        cssClass: 'icon-list-view',
        canView(domainObject) {
          return domainObject.type === 'lunarbase.commands';
        },
        view(domainObject) {
          return {
            show(element) {
              const root = document.createElement('div');
              root.className = 'lb-commands';
              element.appendChild(root);
              site().then((s) => {
                const c = controllerOf(s, split(domainObject.identifier.key).controller);
                const d = c && c.dictionary;
                if (!d) {
                  root.textContent = 'No dictionary from this controller.';
                  return;
                }
                const commands = d.commands.map((cmd) => '<tr class="lb-commands__row"><td>' + esc(cmd.name) + '</td><td>'
                  + esc(cmd.args.map(argText).join('; ') || '-') + '</td><td>' + esc(cmd.roles.join(', ')) + '</td><td>'
                  + esc(cmd.modes.join(', ')) + '</td><td>' + esc(cmd.summary) + '</td></tr>').join('');
                const parameters = d.parameters.map((p) => '<tr><td>' + esc(p.name) + '</td><td>' + esc(argText(p.value))
                  + '</td><td>' + esc(p.roles.join(', ')) + (p.protected ? ' (protected)' : '') + '</td><td>'
                  + esc(p.summary) + '</td></tr>').join('');
                root.innerHTML = '<h2>Commands</h2><table><thead><tr><th>Command</th><th>Arguments</th><th>Roles</th>'
                  + '<th>Modes</th><th>Summary</th></tr></thead><tbody>' + commands + '</tbody></table>'
                  + '<h2>Parameters (core.SET_PARAM)</h2><table><thead><tr><th>Parameter</th><th>Value</th>'
                  + '<th>Roles</th><th>Summary</th></tr></thead><tbody>' + parameters + '</tbody></table>'
                  + '<div class="lb-note">Dictionary version ' + esc(d.version) + ', SHA-256 ' + esc(d.hash) + '</div>';
              });
            },
            destroy() {}
          };
        },
        priority() {
          return 1;
        }
      });

      openmct.objectViews.addProvider({
        key: 'lunarbase.fleet-view',
        name: 'Fleet overview',
        cssClass: 'icon-dataset',
        canView(domainObject) {
          return domainObject.type === 'lunarbase.fleet';
        },
        view() {
          let timer = null;
          let root = null;
          function text(value) {
            return value === undefined || value === null || value === '' ? '-' : String(value);
          }
          function render(fleet) {
            const rows = fleet.controllers.map((c) => {
              const modes = Object.keys(c.modes).map((k) => k + ' ' + c.modes[k]).join(', ');
              const silent = c.lastMessage ? Math.round((Date.now() - c.lastMessage) / 1000) + ' s ago' : '-';
              const worst = c.worstLevel + (c.worstChannels.length ? ': ' + c.worstChannels.join(', ') : '');
              return '<tr class="lb-fleet__row" data-controller="' + esc(c.key) + '">'
                + '<td>' + esc(c.key) + '</td>'
                + '<td class="lb-status lb-status--' + esc(c.status) + '">' + esc(c.status)
                + (c.reason ? ' (' + esc(c.reason) + ')' : '') + '</td>'
                + '<td>' + esc(text(c.boot)) + '</td>'
                + '<td>' + esc(text(c.linkStatus)) + '</td>'
                + '<td>' + silent + '</td>'
                + '<td>' + esc(text(modes)) + '</td>'
                + '<td class="lb-level lb-level--' + esc(c.worstLevel) + '">' + esc(worst) + '</td>'
                + '<td>' + esc(text(c.firmware)) + ' ' + esc(text(c.halMode)) + '</td>'
                + '</tr>';
            }).join('');
            root.innerHTML = '<table><thead><tr><th>Controller</th><th>Status</th><th>Boot</th><th>Link</th>'
              + '<th>Last message</th><th>Modes</th><th>Worst limit</th><th>Firmware</th></tr></thead><tbody>'
              + rows + '</tbody></table><div class="lb-note">Updated ' + new Date().toISOString() + '</div>';
          }
          function refresh() {
            fetch('api/fleet').then((r) => r.json()).then(render).catch(() => {});
          }
          return {
            show(element) {
              root = document.createElement('div');
              root.className = 'lb-fleet';
              element.appendChild(root);
              refresh();
              timer = setInterval(refresh, 1000);
            },
            destroy() {
              clearInterval(timer);
            }
          };
        },
        priority() {
          return 1;
        }
      });
    };
  }

  window.LunarbasePlugin = LunarbasePlugin;
}());

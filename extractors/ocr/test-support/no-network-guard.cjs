// Preloaded (node --require) into a process and, through execArgv, into each of its worker
// threads: every way of reaching the network throws and is recorded in $NETWORK_LOG.
const fs = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const { isMainThread } = require('node:worker_threads');

/** A local IPC socket (a path), as tsx uses between its threads, is not the network. */
function isLocalPipe(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  return (typeof first === 'string' && isNaN(Number(first))) || (first && typeof first === 'object' && typeof first.path === 'string');
}

function blocked(what, original) {
  return function () {
    if (original && isLocalPipe(arguments)) return original.apply(this, arguments);
    const target = typeof arguments[0] === 'string' ? arguments[0] : (arguments[0] && (arguments[0].href || arguments[0].host || arguments[0].hostname)) || '';
    fs.appendFileSync(process.env.NETWORK_LOG, `${isMainThread ? 'main' : 'worker'} ${what} ${target}\n`);
    throw new Error(`network access blocked: ${what} ${target}`);
  };
}

globalThis.fetch = blocked('fetch');
net.Socket.prototype.connect = blocked('socket.connect', net.Socket.prototype.connect);
net.connect = net.createConnection = blocked('net.connect', net.connect);
tls.connect = blocked('tls.connect');
dns.lookup = blocked('dns.lookup');
dns.promises.lookup = blocked('dns.lookup');
for (const mod of [http, https]) {
  mod.request = blocked(`${mod === http ? 'http' : 'https'}.request`);
  mod.get = blocked(`${mod === http ? 'http' : 'https'}.get`);
}

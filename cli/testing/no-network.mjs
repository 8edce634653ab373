// Loaded with `node --import` by the command line's tests: any attempt to reach the network (a TCP connection,
// a DNS lookup, fetch) ends the process with code 97. Local Unix sockets stay allowed: tsx talks to its own
// process over one (a path, never a host).
import dns from 'node:dns';
import net from 'node:net';

const refuse = (what) => {
  process.stderr.write(`NETWORK ATTEMPT: ${what}\n`);
  process.exit(97);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const local = typeof first === 'string' ? !/^\d+$/.test(first) : typeof first === 'object' && first !== null && typeof first.path === 'string';
  if (!local) refuse(`net.Socket.connect ${JSON.stringify(first)}`);
  return connect.apply(this, args);
};
dns.lookup = () => refuse('dns.lookup');
globalThis.fetch = () => refuse('fetch');

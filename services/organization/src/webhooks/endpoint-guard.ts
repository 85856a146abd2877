import { type LookupAddress, lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Server-side request forgery guard for webhook endpoints. A subscriber names a URL; Gongzhi must never be made to
 * POST to its own loopback, the cluster's private network, link-local addresses or a cloud metadata service. The
 * check runs at registration (a clear error) and again at every delivery, inside the connection's DNS lookup, so the
 * socket connects to exactly the addresses that were checked: a name that resolves to a public address at
 * registration and to 127.0.0.1 later (DNS rebinding) is refused at delivery.
 */

/** IANA special-purpose ranges that are not the public internet (RFC 6890 and its updates). */
const REFUSED_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const REFUSED_V6: [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64: same
  ['64:ff9b:1::', 48], // local NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID…)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['fc00::', 7], // unique local, fd00::/8 included (cloud metadata fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];
const LOOPBACK: [string, number, 'ipv4' | 'ipv6'][] = [
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
];

// IPv4-mapped IPv6 addresses (::ffff:169.254.169.254) are checked against the IPv4 ranges by BlockList itself.
const refused = new BlockList();
for (const [net, prefix] of REFUSED_V4) refused.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of REFUSED_V6) refused.addSubnet(net, prefix, 'ipv6');
const loopback = new BlockList();
for (const [net, prefix, type] of LOOPBACK) loopback.addSubnet(net, prefix, type);

export interface EndpointPolicy {
  /** WEBHOOKS_ALLOW_LOCAL_ENDPOINTS: http:// and loopback addresses allowed (development and tests only). */
  allowLocal: boolean;
}

/** Why an endpoint is refused, in words for its owner. */
export class EndpointRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'EndpointRefused';
  }
}

/** Whether an IP address may be connected to. */
export function addressAllowed(address: string, { allowLocal }: EndpointPolicy): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (allowLocal && loopback.check(address, type)) return true;
  return !refused.check(address, type);
}

function refuseAddress(host: string, address: string, policy: EndpointPolicy): void {
  if (!addressAllowed(address, policy))
    throw new EndpointRefused(
      `${host} resolves to ${address}, a loopback, private, link-local, metadata or reserved address`,
    );
}

/** The URL's host without IPv6 brackets. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** Checks the shape of an endpoint URL (no network): https (http only with allowLocal), no credentials, a host. */
export function parseEndpointUrl(raw: string, policy: EndpointPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EndpointRefused('is not an absolute URL');
  }
  if (url.protocol !== 'https:' && !(policy.allowLocal && url.protocol === 'http:'))
    throw new EndpointRefused('must use https');
  if (url.username || url.password) throw new EndpointRefused('must not carry a user name or password');
  if (url.hash) throw new EndpointRefused('must not have a #fragment');
  if (!hostOf(url)) throw new EndpointRefused('has no host');
  return url;
}

/** Every address `host` resolves to, each checked; refused when any is not allowed or none is found. */
export function resolveAllowed(host: string, policy: EndpointPolicy): Promise<LookupAddress[]> {
  if (isIP(host)) {
    refuseAddress(host, host, policy);
    return Promise.resolve([{ address: host, family: isIP(host) }]);
  }
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => {
      if (error) return reject(new EndpointRefused(`${host} does not resolve (${error.code ?? error.message})`));
      try {
        if (addresses.length === 0) throw new EndpointRefused(`${host} does not resolve`);
        for (const { address } of addresses) refuseAddress(host, address, policy);
        resolve(addresses);
      } catch (refusal) {
        reject(refusal instanceof Error ? refusal : new Error(String(refusal)));
      }
    }),
  );
}

/** Registration's check: the URL's shape and, resolving its host now, every address. */
export async function checkEndpoint(raw: string, policy: EndpointPolicy): Promise<URL> {
  const url = parseEndpointUrl(raw, policy);
  await resolveAllowed(hostOf(url), policy);
  return url;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls.connect (undici passes it through): the socket connects only to addresses this checked,
 * which closes the window between a check and the connection that DNS rebinding would use. Host names given as IP
 * literals never reach a lookup, so the sender checks those itself (resolveAllowed).
 */
export function guardedLookup(policy: EndpointPolicy) {
  return (host: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    const family =
      options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
    resolveAllowed(host, policy).then(
      (addresses) => {
        const wanted = family ? addresses.filter((entry) => entry.family === family) : addresses;
        if (wanted.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`${host} has no IPv${family} address`);
          error.code = 'ENOTFOUND';
          return callback(error, []);
        }
        if (options.all) callback(null, wanted);
        else callback(null, wanted[0].address, wanted[0].family);
      },
      (error: Error) => callback(error, options.all ? [] : ''),
    );
  };
}

export { hostOf as endpointHost };

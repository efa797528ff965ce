import { BlockList, isIP } from 'node:net';

/**
 * OK signs no webhook call, so besides the secret path a channel may be limited to the address
 * ranges OK's support gives (the `allowedCidrs` setting: CIDRs separated by commas or spaces).
 * Empty: any address. Set but with no valid range in it: no address (a typo must not open it up).
 */
export function addressAllowed(allowedCidrs: unknown, remoteAddress: string | undefined): boolean {
  if (typeof allowedCidrs !== 'string' || allowedCidrs.trim() === '') return true;
  if (!remoteAddress) return false;
  const list = new BlockList();
  for (const entry of allowedCidrs.split(/[\s,;]+/).filter(Boolean)) {
    const [net, bits] = entry.split('/');
    const family = isIP(net ?? '');
    if (family === 0) continue;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) continue;
    list.addSubnet(net!, prefix, type);
  }
  // Node reports an IPv4 caller on a dual-stack socket as ::ffff:a.b.c.d.
  const address = remoteAddress.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const family = isIP(address);
  if (family === 0) return false;
  return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

import { addressAllowed, checkEndpoint, EndpointRefused, guardedLookup, parseEndpointUrl } from './endpoint-guard';

const production = { allowLocal: false };
const development = { allowLocal: true };

describe('webhook endpoint guard (server-side request forgery)', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '10.0.0.8',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.20',
    '100.64.0.1',
    '169.254.169.254', // cloud metadata
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fd00:ec2::254', // AWS metadata over IPv6
    'fc00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a00:1',
    '2002:a00:1::',
    'ff02::1',
  ])('refuses %s in production', (address) => {
    expect(addressAllowed(address, production)).toBe(false);
  });

  it.each(['8.8.8.8', '114.114.114.114', '172.32.0.1', '2400:3200::1', '2606:4700:4700::1111'])(
    'allows the public address %s',
    (address) => expect(addressAllowed(address, production)).toBe(true),
  );

  it('allows loopback, and only loopback, with the development switch', () => {
    expect(addressAllowed('127.0.0.1', development)).toBe(true);
    expect(addressAllowed('::1', development)).toBe(true);
    expect(addressAllowed('10.0.0.8', development)).toBe(false);
    expect(addressAllowed('169.254.169.254', development)).toBe(false);
  });

  it('wants https without credentials (http only with the development switch)', () => {
    expect(() => parseEndpointUrl('http://hooks.example.org/gongzhi', production)).toThrow('must use https');
    expect(parseEndpointUrl('http://127.0.0.1:8080/hook', development).port).toBe('8080');
    expect(() => parseEndpointUrl('https://u:p@hooks.example.org/', production)).toThrow('user name or password');
    expect(() => parseEndpointUrl('gopher://hooks.example.org/', production)).toThrow('must use https');
    expect(() => parseEndpointUrl('/relative', production)).toThrow('not an absolute URL');
  });

  it('resolves names and refuses one that resolves inside (localhost), at registration', async () => {
    await expect(checkEndpoint('https://localhost/hook', production)).rejects.toThrow(EndpointRefused);
    await expect(checkEndpoint('https://localhost/hook', production)).rejects.toThrow(/resolves to (127\.0\.0\.1|::1)/);
    await expect(checkEndpoint('https://localhost/hook', development)).resolves.toBeInstanceOf(URL);
    await expect(checkEndpoint('https://no-such-host.invalid/hook', production)).rejects.toThrow('does not resolve');
  });

  it('refuses inside the connection’s own lookup, so a rebound name cannot slip through', async () => {
    const lookup = guardedLookup(production);
    const outcome = await new Promise<{ error: NodeJS.ErrnoException | null }>((resolve) =>
      lookup('localhost', { all: true }, (error) => resolve({ error })),
    );
    expect(outcome.error).toBeInstanceOf(EndpointRefused);
    const allowed = await new Promise<unknown>((resolve) =>
      guardedLookup(development)('localhost', { family: 4 }, (_error, address) => resolve(address)),
    );
    expect(allowed).toBe('127.0.0.1');
  });
});

import { describe, expect, it } from 'vitest';
import { buildCsp, pageSecurityHeaders } from './csp';

describe('buildCsp', () => {
  const csp = buildCsp('https://cur.example.ru:8443');
  const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

  it('allows scripts and workers only from the app itself', () => {
    expect(directive('default-src')).toBe("default-src 'self'");
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('worker-src')).toBe("worker-src 'self'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(directive('script-src')).not.toContain('unsafe-inline');
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('base-uri')).toBe("base-uri 'none'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('style-src')).toBe("style-src 'self' 'unsafe-inline'");
  });

  it('lets the page reach only the configured server (API and live channel) and show its images', () => {
    expect(directive('connect-src')).toBe("connect-src 'self' https://cur.example.ru:8443 wss://cur.example.ru:8443");
    expect(directive('img-src')).toBe("img-src 'self' data: blob: https://cur.example.ru:8443");
    expect(buildCsp('http://127.0.0.1:8787/')).toContain("connect-src 'self' http://127.0.0.1:8787 ws://127.0.0.1:8787;");
  });

  it('refuses a server URL that is not http(s)', () => {
    expect(() => buildCsp('javascript:alert(1)')).toThrow();
    expect(() => buildCsp('nonsense')).toThrow();
  });
});

describe('buildCsp for browser mode (the page served by the regional server itself)', () => {
  const csp = buildCsp();

  it('names no other origin: the API, the live channel and the images are the page\'s own', () => {
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("img-src 'self' data: blob:;");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('is the shell\'s policy with the server folded into self', () => {
    const shell = buildCsp('https://cur.example.ru').split('; ');
    const own = csp.split('; ');
    expect(own.map((d) => d.split(' ')[0])).toEqual(shell.map((d) => d.split(' ')[0]));
  });

  it('comes with the headers that forbid framing and type sniffing', () => {
    expect(pageSecurityHeaders()).toMatchObject({
      'content-security-policy': csp,
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
  });
});

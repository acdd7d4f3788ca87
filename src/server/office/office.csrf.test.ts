import { describe, expect, it } from 'vitest';
import { postedCsrf } from './office.csrf.js';

function multipart(parts: FormData): Request {
  return new Request('http://x/office/upload', { method: 'POST', body: parts });
}

describe('the CSRF field of a posted form', () => {
  it('is read from a url-encoded form, leaving the body for the router', async () => {
    const req = new Request('http://x/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1&_csrf=tok%2Den&b=2',
    });
    expect(await postedCsrf(req)).toBe('tok-en');
    expect(await req.text()).toBe('a=1&_csrf=tok%2Den&b=2');
  });

  it('is read from the start of a multipart form without reading the file', async () => {
    const form = new FormData();
    form.append('_csrf', 'abc');
    form.append('title.en', 'Report');
    const big = new Uint8Array(5 * 1024 * 1024).fill(65);
    form.append('file', new Blob([big]), 'report.pdf');
    const req = multipart(form);
    expect(await postedCsrf(req)).toBe('abc');
    // The original body is whole for the page's action.
    const body = await req.arrayBuffer();
    expect(body.byteLength).toBeGreaterThan(big.length);
  });

  it('does not count a token sent after the file, nor any on other bodies', async () => {
    const form = new FormData();
    form.append('file', new Blob(['x']), 'a.txt');
    form.append('_csrf', 'late');
    expect(await postedCsrf(multipart(form))).toBe('');
    const json = new Request('http://x/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"_csrf":"x"}',
    });
    expect(await postedCsrf(json)).toBe('');
  });
});

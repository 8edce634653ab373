import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { HEAVY_TEST_MS } from '../testing/timeouts';
import { seedCrossAccount } from '../model/fixtures/seedCrossAccount';
import { compactScenario, parseScenario, type Scenario } from '../model';
import { LESSONS } from '../lessons';
import { encodeBase64Url } from './base64url';
import {
  decodeFragment,
  decodeScenarioPayload,
  encodeScenarioPayload,
  inflateCapped,
  lessonOfFragment,
  MAX_LINK_PAYLOAD_CHARS,
  MAX_SCENARIO_BYTES,
  payloadOf,
  scenarioFragment,
  shareUrl,
} from './link';

/** A payload made the way any other tool would: Node's zlib raw DEFLATE and Buffer's base64url. */
const independentPayload = (json: string | Buffer): string => deflateRawSync(typeof json === 'string' ? Buffer.from(json, 'utf8') : json).toString('base64url');

function problemOf(payload: string) {
  const r = decodeScenarioPayload(payload);
  if (r.ok) throw new Error('expected the link to be refused');
  return r.problem;
}

describe('share links: round trip and exact format', () => {
  it('Given the seed scenario, when encoded and decoded, then the same scenario comes back', () => {
    const r = decodeScenarioPayload(encodeScenarioPayload(seedCrossAccount));
    expect(r.ok && r.scenario).toEqual(seedCrossAccount);
  }, HEAVY_TEST_MS);

  it('Given a payload, then it uses only the base64url alphabet and has no padding', () => {
    expect(encodeScenarioPayload(seedCrossAccount)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('Given our payload, when Node decodes it as base64url + raw DEFLATE, then it is the scenario JSON, defaults left out', () => {
    const bytes = Buffer.from(encodeScenarioPayload(seedCrossAccount), 'base64url');
    const json: unknown = JSON.parse(inflateRawSync(bytes).toString('utf8'));
    expect(json).toEqual(compactScenario(seedCrossAccount));
    expect(JSON.stringify(json)).not.toContain('"tags":{}');
    const back = parseScenario(json);
    expect(back.ok && back.scenario).toEqual(seedCrossAccount);
  });

  it("Given a link built independently with Node's zlib.deflateRawSync and Buffer base64url, then it opens", () => {
    const r = decodeScenarioPayload(independentPayload(JSON.stringify(seedCrossAccount)));
    expect(r.ok && r.scenario).toEqual(seedCrossAccount);
  });

  it('Given a payload with = padding (tools that pad), then it still opens', () => {
    const padded = deflateRawSync(Buffer.from(JSON.stringify(seedCrossAccount))).toString('base64');
    const url = padded.replace(/\+/g, '-').replace(/\//g, '_');
    expect(url.endsWith('=') || url.length % 4 === 0).toBe(true);
    expect(decodeScenarioPayload(url).ok).toBe(true);
  });

  it('Given a link broken across lines by a mail client, then whitespace is ignored', () => {
    const p = encodeScenarioPayload(seedCrossAccount);
    expect(decodeScenarioPayload(`${p.slice(0, 40)}\n  ${p.slice(40)}`).ok).toBe(true);
  });

  it('Given a scenario whose names contain markup and non-ASCII text, then they come back as the same text', () => {
    const s: Scenario = { ...seedCrossAccount, name: '<img src=x onerror=alert(1)> Ünïcødé 🚀 </script>' };
    const r = decodeScenarioPayload(encodeScenarioPayload(s));
    expect(r.ok && r.scenario.name).toBe(s.name);
  });

  it('Given shareUrl, then it replaces any fragment of the base URL and starts the fragment with #s=', () => {
    const url = shareUrl('https://example.test/app/?x=1#old', seedCrossAccount);
    expect(url.startsWith('https://example.test/app/?x=1#s=')).toBe(true);
    expect(url.endsWith(scenarioFragment(seedCrossAccount))).toBe(true);
  });
});

describe('share links: reading the fragment', () => {
  it('Given an ordinary #anchor, then it is not a share link', () => {
    expect(decodeFragment('#intro')).toBeUndefined();
    expect(decodeFragment('')).toBeUndefined();
  });
  it('Given s among other parameters, then the s parameter is used', () => {
    expect(payloadOf('#view=1&s=abc')).toBe('abc');
    expect(decodeFragment(`#z=1&${scenarioFragment(seedCrossAccount).slice(1)}`)?.ok).toBe(true);
  });
  it('Given #s= with nothing after it, then it says the link was cut off', () => {
    expect(decodeFragment('#s=')).toMatchObject({ ok: false, problem: { code: 'empty' } });
  });
});

describe('share links: versions', () => {
  it('Given a version-0 scenario in a link, then it is migrated on open and says from which version', () => {
    const v0 = { accounts: [{ accountId: '111111111111', name: 'A' }] };
    const r = decodeScenarioPayload(independentPayload(JSON.stringify(v0)));
    expect(r).toMatchObject({ ok: true, migratedFrom: 0 });
    expect(r.ok && r.scenario.accounts[0]?.id).toBe('111111111111');
  });
  it('Given a link from a newer version of the app, then it is refused with a clear message', () => {
    const p = problemOf(independentPayload(JSON.stringify({ ...seedCrossAccount, version: 99 })));
    expect(p.code).toBe('scenario');
    expect(p.message).toMatch(/newer version of the app \(version 99\)/);
    expect(p.errors?.[0]?.path).toBe('$.version');
  });
});

describe('share links: broken, truncated and hostile input', () => {
  const good = encodeScenarioPayload(seedCrossAccount);

  it('Given a character outside base64url, then the message names the character and its position', () => {
    const p = problemOf(`${good.slice(0, 10)}!${good.slice(11)}`);
    expect(p.code).toBe('base64');
    expect(p.message).toMatch(/Character 11 \("!"\)/);
  });

  it('Given every truncation of a valid link, then none opens and none throws', () => {
    for (let n = 1; n < good.length; n += Math.max(1, Math.floor(good.length / 97))) {
      const r = decodeScenarioPayload(good.slice(0, n));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(['truncated', 'base64', 'corrupt']).toContain(r.problem.code);
    }
  }, HEAVY_TEST_MS);

  it('Given a link cut at a byte boundary, then it says the link is incomplete', () => {
    const bytes = Buffer.from(good, 'base64url');
    const cut = bytes.subarray(0, Math.floor(bytes.length / 2)).toString('base64url');
    expect(problemOf(cut).code).toBe('truncated');
    expect(problemOf(cut).message).toMatch(/cut off/);
  });

  it('Given bytes that are not DEFLATE, then it says the data is damaged', () => {
    // Block type 3 does not exist in DEFLATE (RFC 1951 §3.2.3).
    expect(problemOf(encodeBase64Url(new Uint8Array([0x07, 0x00, 0x00, 0x00]))).code).toBe('corrupt');
  });

  it('Given a decompression bomb, then it is refused as too large', () => {
    const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 }).toString('base64url');
    expect(bomb.length).toBeLessThan(200_000);
    const p = problemOf(bomb);
    expect(p.code).toBe('too-large');
    expect(p.message).toMatch(/more than 5 MB/);
  }, HEAVY_TEST_MS);

  it('Given a bomb, when inflated with a cap, then inflation stops long before the input is used up', () => {
    const data = new Uint8Array(deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 }));
    const r = inflateCapped(data, 1024 * 1024);
    expect(r).toMatchObject({ ok: false, code: 'too-large' });
    expect(!r.ok && r.consumed).toBeLessThan(data.length / 4);
  }, HEAVY_TEST_MS);

  it('Given content exactly at the cap, then it is accepted, and one byte over is refused', () => {
    const bytes = new Uint8Array(1000).fill(65);
    expect(inflateCapped(deflateSync(bytes), 1000).ok).toBe(true);
    expect(inflateCapped(deflateSync(bytes), 999)).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('Given a payload longer than any real link, then it is refused before decoding', () => {
    expect(problemOf('A'.repeat(MAX_LINK_PAYLOAD_CHARS + 4)).code).toBe('too-long');
  });

  it('Given bytes that are not UTF-8, then it says the link carries no text', () => {
    expect(problemOf(independentPayload(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).code).toBe('utf8');
  });

  it('Given text that is not JSON, then it says where the JSON breaks', () => {
    const p = problemOf(independentPayload('{\n  "version": 1,\n  "name": }'));
    expect(p.code).toBe('json');
    expect(p.message).toMatch(/line 3, column 11/);
  });

  it('Given JSON that is not a scenario, then the located errors come back', () => {
    const bad = { ...seedCrossAccount, accounts: [{ id: '123', name: 'A' }] };
    const p = problemOf(independentPayload(JSON.stringify(bad)));
    expect(p.code).toBe('scenario');
    expect(p.message).toMatch(/^The link's scenario is not valid: \$\.accounts\[0\]\.id: Account id must be exactly 12 digits\./);
    expect(p.errors?.[0]?.path).toBe('$.accounts[0].id');
  });

  it('Given __proto__ and constructor keys everywhere, then nothing is polluted and __proto__ keys are dropped', () => {
    const json = JSON.stringify(seedCrossAccount)
      .replace('{"version":', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"version":')
      .replace('"tags":{}', '"tags":{"__proto__":{"polluted":true},"constructor":"c"}')
      .replace('"Condition":{', '"Condition":{"__proto__":{"polluted":true},');
    const r = decodeScenarioPayload(independentPayload(json));
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>)['polluted']).toBeUndefined();
    if (!r.ok) return;
    expect(r.droppedProtoKeys).toBe(3);
    expect(r.scenario.principals[0]?.tags).toEqual({ constructor: 'c' });
    expect(JSON.stringify(r.scenario)).not.toContain('__proto__');
  });
});

describe('share links: nesting', () => {
  // The link: ~8,000 nested `[`. The recursive parser that locates JSON syntax errors overflowed its
  // stack, and the RangeError unmounted the page at start-up.
  it('Given the link of 8,000 nested [, when decoded, then it is refused with where it passes the limit, never thrown', () => {
    const r = decodeFragment('#s=7cGBAAAAAIAg0P09FqkKAAAAAAAAABg');
    expect(r).toMatchObject({ ok: false, problem: { code: 'too-deep' } });
    expect(r && !r.ok && r.problem.message).toBe("The link's content is nested deeper than 64 levels at line 1, column 65; no scenario nests that deep, so it was not opened.");
  });

  it('Given deep nesting that is valid JSON, inside a scenario, then it is refused the same way', () => {
    const json = JSON.stringify({ version: 1, name: 'x' }).replace('"name"', `"deep":${'['.repeat(10_000)}${']'.repeat(10_000)},"name"`);
    expect(problemOf(independentPayload(json)).code).toBe('too-deep');
  });

  it('Given nesting at the limit (64 levels, the scenario object included), then the scenario opens', () => {
    const json = JSON.stringify({ version: 1, name: 'x' }).replace('"name"', `"deep":${'['.repeat(63)}${']'.repeat(63)},"name"`);
    expect(decodeScenarioPayload(independentPayload(json)).ok).toBe(true);
  });
});

describe('share links: size', () => {
  it('Given the seed example, then its link stays well under the safe length for chat tools', () => {
    expect(scenarioFragment(seedCrossAccount).length).toBeLessThan(2_000);
  });
  it('Given the cap, then it is 5 MB', () => {
    expect(MAX_SCENARIO_BYTES).toBe(5 * 1024 * 1024);
  });
});

describe('share links: __proto__ spelled with escapes', () => {
  it('Given a __proto__ key written with \\u escapes, then it is still dropped', () => {
    const json = JSON.stringify(seedCrossAccount).replace('{"version":', '{"\\u005f\\u005f\\u0070roto\\u005f\\u005f":{"polluted":true},"version":');
    const r = decodeScenarioPayload(independentPayload(json));
    expect(r).toMatchObject({ ok: true, droppedProtoKeys: 1 });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('share links: the open lesson', () => {
  const known = new Set(['copy-both-ways', 'delegation']);
  const isLesson = (id: string): boolean => known.has(id);
  const payload = encodeScenarioPayload(seedCrossAccount);

  it('Given a lesson open when sharing, then the link names it before the scenario: #l=ID&s=PAYLOAD', () => {
    expect(shareUrl('https://x.test/app/#old', seedCrossAccount, { lessonId: 'copy-both-ways' })).toBe(`https://x.test/app/#l=copy-both-ways&s=${payload}`);
    expect(scenarioFragment(seedCrossAccount)).toBe(`#s=${payload}`);
  });

  it('Given a link naming a lesson this app has, then the scenario opens with that lesson', () => {
    const r = decodeFragment(`#l=copy-both-ways&s=${payload}`, { isLesson });
    expect(r?.ok && r.scenario).toEqual(seedCrossAccount);
    expect(r?.ok && r.lesson).toEqual({ ok: true, id: 'copy-both-ways' });
  });

  it('Given the lesson parameter after the scenario (a hand-made link), then it is read the same', () => {
    const r = decodeFragment(`#s=${payload}&l=delegation`, { isLesson });
    expect(r?.ok && r.lesson).toEqual({ ok: true, id: 'delegation' });
  });

  it('Given a link without a lesson (every link made before), then it opens as before, with no lesson and no notice', () => {
    const r = decodeFragment(`#s=${payload}`, { isLesson });
    expect(r?.ok && r.scenario).toEqual(seedCrossAccount);
    expect(r?.ok && 'lesson' in r).toBe(false);
  });

  it('Given a lesson id this version does not have, then the scenario still opens and a notice names the id', () => {
    const r = decodeFragment(`#l=lesson-from-the-future&s=${payload}`, { isLesson });
    expect(r?.ok && r.scenario).toEqual(seedCrossAccount);
    expect(r?.ok && r.lesson).toEqual({ ok: false, notice: expect.stringContaining('“lesson-from-the-future”, which this version of Crossaccount does not have') as unknown });
  });

  it.each([
    ['markup', '%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E'],
    ['raw markup', '<script>alert(1)</script>'],
    ['__proto__', '__proto__'],
    ['upper case', 'Copy-Both-Ways'],
    ['a path', '../../etc/passwd'],
    ['empty', ''],
    ['a megabyte', 'a'.repeat(1_000_000)],
  ])('Given a hostile lesson value (%s), then the scenario opens, the value is neither looked up nor echoed, and a notice says no lesson was opened', (_what, value) => {
    const asked: string[] = [];
    const r = decodeFragment(`#l=${value}&s=${payload}`, { isLesson: (id) => (asked.push(id), true) });
    expect(r?.ok && r.scenario).toEqual(seedCrossAccount);
    expect(asked).toEqual([]);
    const notice = r?.ok && r.lesson && !r.lesson.ok ? r.lesson.notice : '';
    expect(notice).toBe('The link also names a lesson, but not in a form this app reads, so no lesson was opened.');
  });

  it('Given names such as constructor or toString that every object has, then they are unknown lessons unless the app has them', () => {
    expect(lessonOfFragment('#l=constructor&s=x', isLesson)).toMatchObject({ ok: false });
    expect(lessonOfFragment('#l=tostring&s=x', isLesson)).toMatchObject({ ok: false });
  });

  it('Given two lesson parameters, then the first is used, as for the scenario', () => {
    expect(lessonOfFragment('#l=delegation&l=copy-both-ways&s=x', isLesson)).toEqual({ ok: true, id: 'delegation' });
  });

  it('Given a good lesson but a broken scenario, then the link is refused as before (the lesson does not matter)', () => {
    const r = decodeFragment('#l=delegation&s=', { isLesson });
    expect(r?.ok).toBe(false);
    expect(!r?.ok && r?.problem.code).toBe('empty');
  });

  it('Given only a lesson and no scenario, then it is not a share link (an ordinary fragment)', () => {
    expect(decodeFragment('#l=delegation', { isLesson })).toBeUndefined();
  });

  it('Given the decoder is not told which lessons exist, then every lesson is unknown (it never trusts the link)', () => {
    const r = decodeFragment(`#l=delegation&s=${payload}`);
    expect(r?.ok && r.lesson?.ok).toBe(false);
  });

  it('Given every lesson of the gallery, then its id fits in a link and comes back', () => {
    for (const lesson of LESSONS) {
      const fragment = scenarioFragment(seedCrossAccount, { lessonId: lesson.id });
      expect(fragment.startsWith(`#l=${lesson.id}&s=`)).toBe(true);
      expect(lessonOfFragment(fragment, (id) => id === lesson.id)).toEqual({ ok: true, id: lesson.id });
    }
  });
});

import fc from 'fast-check';
import {
  CanonicalJsonError,
  canonicalJson,
  storableJson,
  storableText,
  type JsonValue,
} from './canonical-json.js';

describe('canonicalJson', () => {
  it.each<[string, JsonValue, string]>([
    ['null', null, 'null'],
    ['booleans', [true, false], '[true,false]'],
    [
      'integers and decimals as JSON.stringify writes them',
      [0, -5, 11.6, 1e21],
      '[0,-5,11.6,1e+21]',
    ],
    ['keys sorted at every level', { b: 1, a: { d: 2, c: 3 } }, '{"a":{"c":3,"d":2},"b":1}'],
    ['keys by UTF-16 code units, upper case first', { a: 1, B: 2, _: 3 }, '{"B":2,"_":3,"a":1}'],
    ['undefined members dropped', { a: undefined, b: null }, '{"b":null}'],
    ['strings escaped as JSON', { s: 'a"b\\c\nd' }, '{"s":"a\\"b\\\\c\\nd"}'],
    ['non-ASCII kept as UTF-16, not escaped', { name: '平安银行' }, '{"name":"平安银行"}'],
    ['empty containers', { a: [], o: {} }, '{"a":[],"o":{}}'],
  ])('%s', (_case, value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it.each([NaN, Infinity, -Infinity])('refuses %s', (n) => {
    expect(() => canonicalJson({ n })).toThrow(CanonicalJsonError);
  });

  it('gives the same text whatever order the keys were built in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (dict) => {
        const value = storableJson(dict);
        const reversed = Object.fromEntries(Object.entries(value as object).reverse());
        expect(canonicalJson(reversed as JsonValue)).toBe(canonicalJson(value));
      }),
    );
  });

  it('survives a JSON round trip (what a jsonb column does to a record)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const value = storableJson(raw);
        const back = JSON.parse(JSON.stringify(value)) as JsonValue;
        expect(canonicalJson(back)).toBe(canonicalJson(value));
      }),
    );
  });
});

describe('storableText and storableJson', () => {
  it.each<[string, string, string]>([
    ['NUL', 'a\u0000b', 'a\ufffdb'],
    ['a lone high surrogate', 'a\ud800b', 'a\ufffdb'],
    ['a lone low surrogate', 'a\udc00', 'a\ufffd'],
    ['a surrogate pair is kept', 'a\ud83d\ude00b', 'a\ud83d\ude00b'],
    ['plain text is kept', 'SIM-STOCK', 'SIM-STOCK'],
  ])('%s', (_case, text, stored) => {
    expect(storableText(text)).toBe(stored);
  });

  it('cleans keys and nested strings and drops undefined members', () => {
    expect(storableJson({ 'k\u0000': ['v\u0000'], gone: undefined, z: -0 })).toEqual({
      'k\ufffd': ['v\ufffd'],
      z: 0,
    });
  });

  it('names the path of a non-finite number', () => {
    expect(() => storableJson({ a: [1, NaN] })).toThrow('$.a[1] is NaN');
  });
});

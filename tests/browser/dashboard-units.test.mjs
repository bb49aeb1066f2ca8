// Node-only checks of the dashboard's pure helpers: CSV quoting and formula escaping (SPEC §7), duration/percent
// formatting in both languages, and the tile table's shape.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvCell, toCsv } from '../../web/src/dashboard/csv.mjs';
import { makeFormat, pick } from '../../web/src/dashboard/format.mjs';
import { TILES } from '../../web/src/dashboard/tiles.mjs';

test('CSV cells: quoting, numbers, and formula injection escaped', () => {
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell('+1'), "'+1");
  assert.equal(csvCell('-2'), "'-2");
  assert.equal(csvCell('@cmd'), "'@cmd");
  assert.equal(csvCell(-2), '-2');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
  assert.equal(toCsv(['a', 'b'], [[1, 'x']]), 'a,b\r\n1,x\r\n');
});

test('durations and rates are formatted with Intl, in English and Japanese', () => {
  const en = makeFormat('en');
  assert.equal(en.duration(1200), '20 min');
  assert.equal(en.duration(45), '45 sec');
  assert.equal(en.duration(5400), '1 hr 30 min');
  assert.equal(en.duration(95400), '26 hr 30 min');
  assert.equal(en.duration(200000), '2 days 8 hr');
  assert.equal(en.duration(null), '—');
  assert.equal(en.percent(2 / 3), '66.7%');
  assert.equal(en.percent(0.5), '50%');
  const ja = makeFormat('ja');
  assert.match(ja.duration(1200), /^20\s?分$/);
  assert.equal(ja.percent(0.2), '20%');
});

test('every tile has a value path, a format and words in both languages', () => {
  const ids = new Set();
  for (const tile of TILES) {
    assert.ok(!ids.has(tile.id), `unique id ${tile.id}`);
    ids.add(tile.id);
    assert.ok(tile.value.includes('.'), tile.id);
    assert.ok(['count', 'percent', 'duration', 'decimal', 'score', 'money'].includes(tile.format), tile.id);
    for (const lang of ['en', 'ja']) {
      assert.ok(tile.label[lang], `${tile.id} label ${lang}`);
      assert.ok(tile.definition[lang]?.length > 30, `${tile.id} definition ${lang}`);
    }
  }
  assert.equal(pick({ a: { b: { c: 3 } } }, 'a.b.c'), 3);
  assert.equal(pick({ a: null }, 'a.b'), undefined);
});

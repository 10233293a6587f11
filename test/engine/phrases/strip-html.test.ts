import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { HtmlStripper } from '../../../src/engine/phrases/html-stripper.js';
import { normaliseText } from '../../../src/engine/phrases/normalise-text.js';
import { stripHtml } from '../../../src/engine/phrases/strip-html.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('stripHtml', () => {
  // Compared after folding, so the exact number of boundary spaces does not matter.
  const cases = [
    { name: 'tags_are_boundaries', input: '<p>one</p><p>two</p>', want: ' one two ' },
    { name: 'inline_tags_join', input: 'gar<b>den</b> <i>pa</i>rty', want: ' garden party ' },
    { name: 'attributes_with_gt', input: '<a title="a > b" href=\'x>y\'>link</a>', want: ' link ' },
    { name: 'comments_dropped', input: 'tea<!-- hidden words -->time', want: ' tea time ' },
    { name: 'script_dropped', input: 'a<script>var s = "<p>hidden</p>";</script>b', want: ' a b ' },
    { name: 'style_dropped', input: 'a<STYLE>p { color: red }</STYLE>b', want: ' a b ' },
    { name: 'script_with_lt_inside', input: '<script>if (a < b) x();</script>ok', want: ' ok ' },
    { name: 'doctype_dropped', input: '<!DOCTYPE html><html>hi</html>', want: ' hi ' },
    {
      name: 'named_entities',
      input: 'Tom &amp; Jerry &lt;3 caf&eacute;',
      want: ' tom jerry 3 cafe ',
    },
    { name: 'numeric_entities', input: '&#71;&#x41;&#X52;den', want: ' garden ' },
    { name: 'soft_hyphen_entity', input: 'com&shy;post', want: ' compost ' },
    { name: 'zero_width_entity', input: 'com&#8203;post', want: ' compost ' },
    { name: 'entity_without_semicolon', input: 'a&nbsp b', want: ' a b ' },
    { name: 'unknown_entity_kept', input: '&bogus; x', want: ' bogus x ' },
    { name: 'lone_lt_is_text', input: 'a < b and c<3', want: ' a b and c 3 ' },
    { name: 'invalid_code_point', input: 'x&#0;y&#xD800;z', want: ' x y z ' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(normaliseText(stripHtml(c.input)), c.want));
  }

  it('raw_text_exactness', () => {
    assert.equal(stripHtml('<p>Tom &amp; Jerry</p>'), ' Tom & Jerry ');
    assert.equal(stripHtml('a<b>b</b>c'), 'abc');
    assert.equal(stripHtml('x &amp'), 'x &');
  });

  const sample =
    '<html><head><style>.x{}</style><script>var a="</p>";</script></head><body>' +
    '<!-- note --><p class="a>b">Caf&eacute; &amp; gar<b>den</b> &#x50;arty</p>&lt;ok&gt;</body></html>';

  it('every_two_chunk_split_matches_whole', () => {
    const whole = stripHtml(sample);
    for (let cut = 0; cut <= sample.length; cut++) {
      const s = new HtmlStripper();
      const got = s.push(sample.slice(0, cut)) + s.push(sample.slice(cut)) + s.end();
      assert.equal(got, whole, `split at ${cut}`);
    }
  });

  it('one_character_chunks_match_whole', () => {
    const s = new HtmlStripper();
    let got = '';
    for (const ch of sample) got += s.push(ch);
    assert.equal(got + s.end(), stripHtml(sample));
  });

  it('random_chunking_matches_whole', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'<>&;#x/!-ab p"=\'script'.split('')) }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (html, cuts) => {
          const points = [...new Set(cuts.map((c) => c % (html.length + 1)))].sort((x, y) => x - y);
          const s = new HtmlStripper();
          let got = '';
          let from = 0;
          for (const p of points) {
            got += s.push(html.slice(from, p));
            from = p;
          }
          got += s.push(html.slice(from)) + s.end();
          assert.equal(got, stripHtml(html));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

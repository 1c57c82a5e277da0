import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as api from '../src/index.js';

// Locks the public runtime exports: changing this list is a deliberate API change
// (document it in docs/ and the README).
test('public runtime exports are exactly these', () => {
  assert.deepEqual(Object.keys(api).sort(), [
    'DEFAULT_EXTENSION_TAGS',
    'WikirevError',
    'applyDiffTable',
    'applyUnifiedDiff',
    'buildHistory',
    'compareSections',
    'decodeWikitextHtml',
    'detectReverts',
    'diffRevisions',
    'diffText',
    'diffWords',
    'formatUnifiedDiff',
    'headingAnchor',
    'normalizeTitle',
    'parseAutocomments',
    'parseFeed',
    'parseSections',
    'sha1Hex',
    'unescapeXml',
    'verifyAutocomment',
  ]);
});

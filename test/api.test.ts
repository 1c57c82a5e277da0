import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as api from '../src/index.js';

// Locks the public runtime exports: changing this list is a deliberate API change
// (document it in docs/ and the README).
test('public runtime exports are exactly these', () => {
  assert.deepEqual(Object.keys(api).sort(), [
    'DEFAULT_EXTENSION_TAGS',
    'DEFAULT_LIMITS',
    'REVISION_COLUMNS',
    'WikirevError',
    'analyzeHistory',
    'applyDiffTable',
    'applyUnifiedDiff',
    'authorshipReport',
    'authorshipStats',
    'blame',
    'buildHistory',
    'compareSections',
    'createAuthorship',
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
    'renderBlameHtml',
    'renderReport',
    'reportFromPages',
    'revisionCsv',
    'revisionRows',
    'sha1Hex',
    'unescapeXml',
    'verifyAutocomment',
    'wikiLinksOf',
  ]);
});

test('wikirev/testing exports are exactly these', async () => {
  const testing = await import('../src/testing.js');
  assert.deepEqual(Object.keys(testing).sort(), [
    'assertDiff',
    'assertSectionsChanged',
    'buildFeed',
    'formatDiffSnapshot',
  ]);
});

test('wikirev/fetch exports are exactly these', async () => {
  const fetchEdge = await import('../src/fetch.js');
  assert.deepEqual(Object.keys(fetchEdge).sort(), [
    'FetchError',
    'fetchContributions',
    'fetchFeed',
    'fetchRevisions',
    'fetchWikiLinks',
    'revisionsToFeed',
    'watchChanges',
  ]);
});

test('wikirev/dump exports are exactly these', async () => {
  const dumpEdge = await import('../src/dump.js');
  assert.deepEqual(Object.keys(dumpEdge).sort(), [
    'analyzeDumpPage',
    'historyFromDump',
    'readDump',
    'readMultistreamIndex',
  ]);
});

test('wikirev/scale exports are exactly these', async () => {
  const scale = await import('../src/scale.js');
  assert.deepEqual(Object.keys(scale).sort(), [
    'analyzeDumps',
    'mergeUnitOutputs',
    'planUnits',
    'queueAdd',
    'queueCollect',
    'queueEndpoint',
    'queueRetry',
    'queueStatus',
    'queueWorker',
    'runUnit',
    'writeUnitTables',
  ]);
});

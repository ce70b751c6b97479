import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldText, splitWords, tokenize, tokenizeIdentifier } from './tokenize.ts';

describe('foldText', () => {
  it('lower-cases and folds accents and ligatures', () => {
    assert.equal(foldText('Métavers'), 'metavers');
    assert.equal(foldText('RÉSEAUX À CLÉ QUANTIQUE'), 'reseaux a cle quantique');
    assert.equal(foldText('Œuvre, Straße, Ørsted, Łódź'), 'oeuvre, strasse, orsted, lodz');
    assert.equal(foldText('ﬁbre'), 'fibre');
  });
});

describe('tokenize', () => {
  it('splits on anything that is not a letter or a digit and drops stop words', () => {
    assert.deepEqual(tokenize('Quantum key distribution networks - Functional architecture'), [
      'quantum', 'key', 'distribution', 'networks', 'functional', 'architecture',
    ]);
    assert.deepEqual(tokenize('Service configuration, media transport protocols (MMT) for the ILE/immersive systems'), [
      'service', 'configuration', 'media', 'transport', 'protocols', 'mmt', 'ile', 'immersive', 'systems',
    ]);
  });

  it('keeps letters of every script and digits', () => {
    assert.deepEqual(tokenize('Métavers: cas d’usage 2023'), ['metavers', 'cas', 'd', 'usage', '2023']);
    assert.deepEqual(tokenize('量子密钥分发 QKD'), ['量子密钥分发', 'qkd']);
  });

  it('keeps "it" and other short words that can matter in a title', () => {
    assert.deepEqual(tokenize('IT security for all'), ['it', 'security', 'all']);
  });

  it('splitWords keeps the stop words (queries need them to tell a prefix)', () => {
    assert.deepEqual(splitWords('The QoS of the'), ['the', 'qos', 'of', 'the']);
  });
});

describe('tokenizeIdentifier', () => {
  it('adds the letter and digit runs of mixed words', () => {
    assert.deepEqual(tokenizeIdentifier('IEEE P1913'), ['ieee', 'p1913', 'p', '1913']);
    assert.deepEqual(tokenizeIdentifier('GS QKD014'), ['gs', 'qkd014', 'qkd', '014']);
    assert.deepEqual(tokenizeIdentifier('ITU-T Y.3800'), ['itu', 't', 'y', '3800']);
  });
});

export { words, normalizeText } from './normalize.ts';
export { fastWords } from './fast-words.ts';
export { sketchText, sketchSimilarity, charNgrams, CORRECTION_CUES, SKETCH_HASHES } from './sketch.ts';
export { contentTerms, STOPWORDS } from './terms.ts';

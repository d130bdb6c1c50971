import { syllable } from 'syllable';
import { memoize } from './memo.ts';

// Bodies repeat the same words; counting each once made checking a thousand projects markedly faster.
const syllablesOf = memoize((word: string) => syllable(word.toLowerCase()), (word) => word.toLowerCase());

/** Summaries longer than this stop being summaries on a phone screen. */
export const SUMMARY_MAX_CHARS = 320;
/**
 * US federal plain-language guidance aims public information at grade 8 or below
 * (Flesch-Kincaid); we warn above that.
 */
export const READING_GRADE_MAX = 8;

export function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-Z0-9“"¿¡])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function words(text: string): string[] {
  return text.match(/[A-Za-zÀ-ÿ0-9’']+/g) ?? [];
}

/**
 * Flesch-Kincaid grade level of English text. It is calibrated for English only,
 * so other languages get no grade (null) rather than a wrong one.
 */
export function readingGrade(text: string, lang = 'en'): number | null {
  if (!lang.startsWith('en')) return null;
  const w = words(text);
  const s = Math.max(1, sentences(text).length);
  if (w.length < 8) return null;
  const syllables = w.reduce((sum, word) => sum + (/^\d+$/.test(word) ? 1 : syllablesOf(word)), 0);
  return 0.39 * (w.length / s) + 11.8 * (syllables / w.length) - 15.59;
}

/** The hardest sentence, so a warning can say which one to simplify. */
export function hardestSentence(text: string, lang = 'en'): { sentence: string; grade: number } | null {
  let worst: { sentence: string; grade: number } | null = null;
  for (const sentence of sentences(text)) {
    const grade = readingGrade(sentence, lang);
    if (grade !== null && (!worst || grade > worst.grade)) worst = { sentence, grade };
  }
  return worst;
}

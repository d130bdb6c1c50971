import { hardestSentence, readingGrade, READING_GRADE_MAX } from '../readability.ts';

/** A warning for text above the plain-language grade, naming the sentence to simplify. */
export function plainLanguageFinding(text: string, lang: string): { message: string; hint: string } | null {
  const grade = readingGrade(text, lang);
  if (grade === null || grade <= READING_GRADE_MAX) return null;
  const hardest = hardestSentence(text, lang);
  return {
    message: `This text reads at grade ${grade.toFixed(1)}; aim for grade ${READING_GRADE_MAX} or below (Flesch-Kincaid)`,
    hint: hardest ? `Simplify: "${hardest.sentence}" — use shorter sentences and everyday words` : 'Use shorter sentences and everyday words',
  };
}

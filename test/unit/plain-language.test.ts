import { describe, expect, it } from 'vitest';
import { hardestSentence, readingGrade, READING_GRADE_MAX } from '../../src/lib/readability.ts';
import { plainLanguageFinding } from '../../src/lib/content/plain-language.ts';
import { checkMdxBody } from '../../src/lib/content/mdx-check.ts';

const EASY = 'We are fixing the water pipe on Elm Street. Your water may be off for a few hours. We will tell you two days before.';
const HARD =
  'The municipality will undertake comprehensive rehabilitation of deteriorating subterranean infrastructure, necessitating intermittent interruptions of potable water distribution. Residents should anticipate considerable inconvenience.';

describe('plain language', () => {
  it('grades easy text at or below grade 8 and hard text above it', () => {
    expect(readingGrade(EASY)!).toBeLessThanOrEqual(READING_GRADE_MAX);
    expect(readingGrade(HARD)!).toBeGreaterThan(12);
    expect(READING_GRADE_MAX).toBe(8);
  });

  it('names the sentence to simplify', () => {
    const finding = plainLanguageFinding(`${EASY} ${HARD}`, 'en')!;
    expect(finding.message).toMatch(/reads at grade \d+\.\d; aim for grade 8 or below \(Flesch-Kincaid\)/);
    expect(finding.hint).toContain('Simplify: "The municipality will undertake comprehensive rehabilitation');
    expect(plainLanguageFinding(EASY, 'en')).toBeNull();
    expect(hardestSentence(`${EASY} ${HARD}`)!.sentence).toMatch(/^The municipality/);
  });

  it('does not grade languages the formula was not made for', () => {
    expect(readingGrade(HARD, 'es')).toBeNull();
    expect(plainLanguageFinding(HARD, 'es')).toBeNull();
  });

  it('warns on a hard paragraph of the MDX body, at its line', () => {
    const text = `\n\n\n${EASY}\n\n${HARD}\n`;
    const problems = checkMdxBody({ file: 'projects/x/index.mdx', absDir: '/tmp', text, lang: 'en' });
    expect(problems).toEqual([
      expect.objectContaining({ line: 6, column: 1, field: 'body', severity: 'warning', hint: expect.stringContaining('The municipality') }),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { describeProgress } from './progress.ts';

describe('describeProgress (npm run lab -- list)', () => {
  const now = Date.parse('2026-12-06T20:00:00Z');
  it('shows the last grade with its essentials and age, and the hints used', () => {
    const lastGrade = { points: 84, maxPoints: 88, score: 95.5, essentialsMet: false, at: '2026-12-06T18:00:00Z' };
    expect(describeProgress({ lastGrade, hintsSeen: 2 }, 4, now)).toBe('last grade 84/88 (95.5%), essentials missed, 2 h ago · hints 2 of 4');
    expect(describeProgress({ lastGrade: { ...lastGrade, essentialsMet: true, at: '2026-12-06T19:59:50Z' } }, 4, now)).toBe('last grade 84/88 (95.5%), essentials met, just now');
  });
  it('says nothing before the first grade or hint', () => {
    expect(describeProgress(undefined, 4, now)).toBeUndefined();
    expect(describeProgress({ hintsSeen: 0 }, 4, now)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { STAGE_ORDER } from '../scripts/layers.ts';
import { SOURCE_DIRS } from './tool-key.ts';

describe('the code digest behind reused results', () => {
  it('covers every stage up to and including checking, so a changed number parser re-checks stored files', () => {
    const shaping = Object.keys(STAGE_ORDER).filter((dir) => STAGE_ORDER[dir] <= STAGE_ORDER.scoring);
    expect(shaping.filter((dir) => !SOURCE_DIRS.includes(dir))).toEqual([]);
  });
});

import { ageBandAt, bandAfter } from './age-bands';
import { AgeBand } from './territory.schema';

describe('age bands by birthday', () => {
  const born = new Date('2008-12-06T00:00:00+08:00');

  it('gives the band at a moment and the birthday it next changes on', () => {
    expect(ageBandAt(born, new Date('2026-12-05T23:59:59+08:00'))).toEqual({
      ageBand: AgeBand.AGE_14_TO_17,
      changesAt: new Date('2026-12-06T00:00:00+08:00'),
    });
    expect(ageBandAt(born, new Date('2026-12-06T00:00:00+08:00'))).toEqual({
      ageBand: AgeBand.AGE_18_TO_59,
      changesAt: new Date('2068-12-06T00:00:00+08:00'),
    });
    expect(ageBandAt(born, new Date('2010-01-01T00:00:00+08:00')).ageBand).toBe(AgeBand.UNDER_6);
    expect(ageBandAt(new Date('1930-05-01T00:00:00+08:00'), new Date('2026-12-06T00:00:00+08:00'))).toEqual({
      ageBand: AgeBand.AGE_80_PLUS,
      changesAt: null,
    });
  });

  it('walks from one change to the next without the birth date', () => {
    expect(bandAfter(AgeBand.AGE_14_TO_17, new Date('2026-12-06T00:00:00+08:00'))).toEqual({
      ageBand: AgeBand.AGE_18_TO_59,
      changesAt: new Date('2068-12-06T00:00:00+08:00'),
    });
    expect(bandAfter(AgeBand.AGE_60_TO_79, new Date('2030-01-01T00:00:00Z'))).toEqual({
      ageBand: AgeBand.AGE_80_PLUS,
      changesAt: null,
    });
  });
});

import { validateSync, IsDate } from 'class-validator';
import { DATE_WINDOWS, IsDateWithin, IsDayWithin, stringsWithForbiddenCharacters } from './input-rules';

class Booking {
  @IsDate()
  @IsDateWithin(DATE_WINDOWS.SCHEDULE)
  startsAt!: Date;
}

const problemsOf = (startsAt: Date) =>
  validateSync(Object.assign(new Booking(), { startsAt })).flatMap((error) => Object.values(error.constraints ?? {}));
const inDays = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000);

describe('IsDateWithin', () => {
  it('accepts dates inside the window and refuses the absurd, naming the window', () => {
    expect(problemsOf(inDays(7))).toEqual([]);
    expect(problemsOf(inDays(-30))).toEqual([]);
    expect(problemsOf(new Date('9999-11-24T10:00:00+08:00'))).toEqual([
      expect.stringMatching(/^startsAt must be between \d{4}-\d\d-\d\d and \d{4}-\d\d-\d\d$/),
    ]);
    expect(problemsOf(new Date('1999-06-01T09:00:00+08:00'))).toHaveLength(1);
    expect(problemsOf(inDays(2 * 365 + 2))).toHaveLength(1);
  });
});

class Rota {
  @IsDayWithin(DATE_WINDOWS.RANGE)
  validFrom!: string;
}

const dayProblemsOf = (validFrom: unknown) =>
  validateSync(Object.assign(new Rota(), { validFrom })).flatMap((error) => Object.values(error.constraints ?? {}));
const dayIn = (days: number) => inDays(days).toISOString().slice(0, 10);

describe('IsDayWithin', () => {
  it('accepts calendar days YYYY-MM-DD inside the window and refuses the absurd, naming the window', () => {
    expect(dayProblemsOf(dayIn(0))).toEqual([]);
    expect(dayProblemsOf(dayIn(19 * 365))).toEqual([]);
    expect(dayProblemsOf('9999-12-31')).toEqual([
      expect.stringMatching(/^validFrom must be between \d{4}-\d\d-\d\d and \d{4}-\d\d-\d\d$/),
    ]);
    expect(dayProblemsOf('0001-01-01')).toHaveLength(1);
    expect(dayProblemsOf(dayIn(-21 * 365))).toHaveLength(1);
  });

  it('refuses what is no calendar day', () => {
    for (const notADay of ['2026-02-30', '2026-2-3', '2026-12-05T00:00:00Z', '明天', '', 20261205])
      expect(dayProblemsOf(notADay)).toHaveLength(1);
  });
});

describe('stringsWithForbiddenCharacters', () => {
  it('finds bidirectional controls and control characters anywhere in an input, by path', () => {
    const input = {
      name: '淞泽\u202E区社',
      members: [{ name: '王建华' }, { name: '李\u2067秀英' }],
      note: '第一行\n第二行\t完',
      at: new Date(),
    };
    expect(stringsWithForbiddenCharacters(input, 'input')).toEqual(['input.name', 'input.members.1.name']);
  });

  it('leaves ordinary Chinese text, line breaks, tabs and emoji sequences alone', () => {
    expect(
      stringsWithForbiddenCharacters({ purpose: '象棋友谊赛 👨\u200D👩\u200D👧', note: '多行\r\n说明\t' }),
    ).toEqual([]);
  });

  it.each([['\u0000'], ['\u001B[31m'], ['\u0085'], ['\u200E'], ['\u2066'], ['\uFEFF'], ['\u200B']])(
    'refuses %j',
    (character) => {
      expect(stringsWithForbiddenCharacters(`淞泽${character}社区`, 'name')).toEqual(['name']);
    },
  );
});

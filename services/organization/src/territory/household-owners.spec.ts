import { Types } from 'mongoose';
import { ownersLinkableToResidents } from './household-owners';

const resident = (name: string) => ({ _id: new Types.ObjectId(), name });

describe("linking the register's owners to residents by name", () => {
  it('links a name-only owner to the resident of that name, keeping every name and share', () => {
    const juWeifeng = resident('居伟锋');
    const linked = ownersLinkableToResidents(
      [
        { name: '居伟锋', share: 0.5 },
        { name: '沈雪珍', share: 0.5 },
      ],
      [juWeifeng],
    );
    expect(linked).toEqual([
      { name: '居伟锋', share: 0.5, residentId: juWeifeng._id },
      { name: '沈雪珍', share: 0.5 },
    ]);
  });

  it('links nothing when no name matches, or when the owner is already linked', () => {
    const chenMing = resident('陈明');
    expect(ownersLinkableToResidents([{ name: '孙立新', share: 1 }], [chenMing])).toBeNull();
    expect(ownersLinkableToResidents([{ name: '陈明', share: 1, residentId: chenMing._id }], [chenMing])).toBeNull();
  });

  it('never guesses between two owners or two residents of the same name', () => {
    expect(
      ownersLinkableToResidents(
        [
          { name: '王芳', share: 0.5 },
          { name: '王芳', share: 0.5 },
        ],
        [resident('王芳')],
      ),
    ).toBeNull();
    expect(ownersLinkableToResidents([{ name: '王芳', share: 1 }], [resident('王芳'), resident('王芳')])).toBeNull();
  });
});

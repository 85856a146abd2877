import { partnerActor, personActor, within } from '@gongzhi/testing';
import { Types } from 'mongoose';
import { mayReadRecipient } from './care-recipients.access';

/** Who may read a care order's recipient: the provider delivering it, while it is open, and no one else. */
describe('mayReadRecipient', () => {
  const songyuan = new Types.ObjectId();
  const youlin = new Types.ObjectId();
  const volunteerResident = String(new Types.ObjectId());
  const order = { open: true, partnerUnitId: youlin, communityId: songyuan };
  const youlinKey = (scopes: string[], communities = [String(songyuan)]) =>
    partnerActor(String(youlin), scopes, communities);

  it('lets the partner unit the order is addressed to read it with an orders scope in the resident’s community', () => {
    expect(mayReadRecipient(order, [], youlinKey(['services:orders:read']))).toBe(true);
    expect(mayReadRecipient(order, [], youlinKey(['services:orders:accept']))).toBe(true);
    expect(mayReadRecipient(order, [], youlinKey(['facilities:lamps:read']))).toBe(false);
    expect(mayReadRecipient(order, [], youlinKey(['services:orders:read'], [String(new Types.ObjectId())]))).toBe(
      false,
    );
    const otherPartner = partnerActor(String(new Types.ObjectId()), ['services:orders:read'], [String(songyuan)]);
    expect(mayReadRecipient(order, [], otherPartner)).toBe(false);
  });

  it('lets the volunteer it is given to read it as themself, and no other person', () => {
    const asVolunteer = personActor('idp|zhiyuanzhe', 'RESIDENT', within({}), { residentId: volunteerResident });
    expect(mayReadRecipient(order, [volunteerResident], asVolunteer)).toBe(true);
    expect(mayReadRecipient(order, [], asVolunteer)).toBe(false);
    const secretary = personActor('idp|li-shuji', 'COMMUNITY_SECRETARY', within({ communityIds: [String(songyuan)] }));
    expect(mayReadRecipient(order, [volunteerResident], secretary)).toBe(false);
  });

  it('closes it to the provider once the order is declined, completed or cancelled', () => {
    const closed = { ...order, open: false };
    expect(mayReadRecipient(closed, [], youlinKey(['services:orders:accept']))).toBe(false);
    expect(mayReadRecipient({ ...order, partnerUnitId: null }, [], youlinKey(['services:orders:accept']))).toBe(false);
  });
});

import { RequestLoaders, asObjectId } from '@gongzhi/platform';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ClientSession, Model } from 'mongoose';
import { TimeBank, TimeBankEntry } from './time-bank.schema';

type Totals = { _id: unknown; minutes: number; visits: number };

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** Credits volunteers' visits and sums them per resident, given and received. */
@Injectable()
export class TimeBankService implements OnModuleInit {
  constructor(@InjectModel(TimeBankEntry.name) private readonly entries: Model<TimeBankEntry>) {}

  /** Its unique indexes exist before the first write relies on them (a transaction cannot create them). */
  async onModuleInit(): Promise<void> {
    await this.entries.init();
  }

  /** In the transaction that completes the order. */
  async credit(entry: TimeBankEntry, session: ClientSession): Promise<void> {
    await this.entries.create([entry], { session });
  }

  /** The balances of every resident asked for in the request, in one aggregate. */
  balanceOf(loaders: RequestLoaders, residentId: unknown): Promise<TimeBank> {
    return loaders
      .get<string, TimeBank>('TimeBank.balance', async (residentIds) => {
        const ids = residentIds.map(asObjectId);
        const [{ given, received }] = await this.entries.aggregate<{ given: Totals[]; received: Totals[] }>([
          { $match: { $or: [{ volunteerResidentId: { $in: ids } }, { recipientResidentId: { $in: ids } }] } },
          {
            $facet: {
              given: [{ $group: { _id: '$volunteerResidentId', minutes: { $sum: '$minutes' }, visits: { $sum: 1 } } }],
              received: [
                { $group: { _id: '$recipientResidentId', minutes: { $sum: '$minutes' }, visits: { $sum: 1 } } },
              ],
            },
          },
        ]);
        const find = (totals: Totals[], id: string) =>
          totals.find((row) => String(row._id) === id) ?? { minutes: 0, visits: 0 };
        return residentIds.map((id) => {
          const [out, into] = [find(given, id), find(received, id)];
          return {
            hoursGiven: hours(out.minutes),
            visitsGiven: out.visits,
            hoursReceived: hours(into.minutes),
            visitsReceived: into.visits,
          };
        });
      })
      .load(String(residentId));
  }
}

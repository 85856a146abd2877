import { type PayloadInputOf, sensitiveRecordRead } from '@gongzhi/contracts';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { OutboxPublisher } from '../events/outbox-publisher';
import { currentPurpose, markAuditedRead, requestScoped } from '../request-context/request-context';

/** One read of one sensitive record (PIPL): whose record, why it is sensitive and which of its fields were read. */
export type SensitiveRead = Omit<PayloadInputOf<typeof sensitiveRecordRead>, 'purpose'>;

/** What an audit entry says when the caller stated no purpose (the gateway's `X-Purpose`). */
export const PURPOSE_NOT_STATED = 'not stated';

/**
 * Leaves a `sensitiveRecordRead` event for every read of health data or of a child's record, naming the caller (the
 * event's actor), the fields and the stated purpose. The reads one request makes together are written together, in
 * one insert; a repeated identical read in the same request is recorded once. Await it before handing the record
 * out: when the audit cannot be written, the record is not read.
 */
@Injectable()
export class SensitiveReadAudit {
  constructor(private readonly outbox: OutboxPublisher) {}

  recordRead(read: SensitiveRead): Promise<void> {
    markAuditedRead();
    return requestScoped(
      this,
      () =>
        new DataLoader<SensitiveRead, void, string>((reads) => this.write(reads), {
          cacheKeyFn: (r) => JSON.stringify(r),
        }),
    ).load(read);
  }

  private async write(reads: readonly SensitiveRead[]): Promise<void[]> {
    const purpose = currentPurpose() ?? PURPOSE_NOT_STATED;
    await this.outbox.recordNow(sensitiveRecordRead, ...reads.map((read) => ({ ...read, purpose })));
    return reads.map(() => undefined);
  }
}

import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

/**
 * facilities' copy of a co-building agreement (互联共建协议) between a partner unit and a community, from
 * organization's `org.partner-agreement.signed`: a work order goes only to a partner with an agreement in force there.
 * `_id` is organization's agreement id.
 */
@Schema({ collection: 'partner_agreements', versionKey: false, timestamps: true })
export class PartnerAgreement {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  partnerUnitId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  communityId!: Types.ObjectId;

  @Prop({ required: true })
  validFrom!: Date;

  /** The agreement holds through this whole day. */
  @Prop({ required: true })
  validUntil!: Date;
}

export const PartnerAgreementSchema = SchemaFactory.createForClass(PartnerAgreement);
PartnerAgreementSchema.index({ partnerUnitId: 1, communityId: 1 });

import { Connection } from '@gongzhi/platform';
import { Field, ObjectType } from '@nestjs/graphql';
import { CoBuildingAgreement, PartnerUnit } from './partner-unit.schema';

@ObjectType({ description: 'A page of partner units.' })
export class PartnerUnitConnection extends Connection(PartnerUnit) {}

@ObjectType({ description: "A page of a partner unit's co-building agreements." })
export class CoBuildingAgreementConnection extends Connection(CoBuildingAgreement) {}

@ObjectType({ description: 'What registerPartnerUnit changed.' })
export class RegisterPartnerUnitPayload {
  @Field(() => PartnerUnit, { description: 'The partner unit, as registered.' })
  partnerUnit!: PartnerUnit;
}

@ObjectType({ description: 'What signCoBuildingAgreement changed.' })
export class SignCoBuildingAgreementPayload {
  @Field(() => PartnerUnit, { description: 'The partner unit, now with the agreement among its agreements.' })
  partnerUnit!: PartnerUnit;

  @Field(() => CoBuildingAgreement, { description: 'The agreement just signed.' })
  coBuildingAgreement!: CoBuildingAgreement;
}

import { Connection } from '@gongzhi/platform';
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Community } from '../territory/territory.schema';
import { CommunityProfileType, RecordedIndicator } from './profile-type.schema';

@ObjectType({ description: 'A page of community types.' })
export class CommunityProfileTypeConnection extends Connection(CommunityProfileType) {}

@ObjectType({
  description:
    "A community's profile indicators (把脉画像): those the register computes, as of now, and those staff recorded.",
})
export class CommunityIndicators {
  @Field(() => Int, { description: 'Units (户) registered in the community.' })
  households!: number;

  @Field(() => Int, { description: 'Residents living there now.' })
  residents!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'The share (0–1) of the residents living there who are 60 or older; null with no residents.',
  })
  elderlyShare!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The share (0–1) of the residents living there who rent (租户); null with no residents.',
  })
  renterShare!: number | null;

  @Field(() => Float, { description: "The units' floor areas on the property register, in m², summed." })
  floorArea!: number;

  @Field(() => [RecordedIndicator], { description: 'What staff recorded, by name.' })
  recorded!: RecordedIndicator[];
}

@ObjectType({ description: 'What defineCommunityProfileType changed.' })
export class DefineCommunityProfileTypePayload {
  @Field(() => CommunityProfileType, { description: 'The type, as defined.' })
  communityProfileType!: CommunityProfileType;
}

@ObjectType({ description: 'What setCommunityProfileType changed.' })
export class SetCommunityProfileTypePayload {
  @Field(() => Community, { description: 'The community, with its type.' })
  community!: Community;
}

@ObjectType({ description: 'What recordCommunityIndicator changed.' })
export class RecordCommunityIndicatorPayload {
  @Field(() => Community, { description: 'The community, with the indicator among its recorded ones.' })
  community!: Community;

  @Field(() => RecordedIndicator, { description: 'The indicator recorded.' })
  indicator!: RecordedIndicator;
}

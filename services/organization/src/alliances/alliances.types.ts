import { Connection } from '@gongzhi/platform';
import { Field, ObjectType } from '@nestjs/graphql';
import { Alliance } from './alliance.schema';

@ObjectType({ description: 'A page of community alliances.' })
export class AllianceConnection extends Connection(Alliance) {}

@ObjectType({ description: 'What formAlliance changed.' })
export class FormAlliancePayload {
  @Field(() => Alliance, { description: 'The alliance, as formed.' })
  alliance!: Alliance;
}

@ObjectType({ description: 'What changeAlliance changed.' })
export class ChangeAlliancePayload {
  @Field(() => Alliance, { description: 'The alliance, as changed.' })
  alliance!: Alliance;
}

@ObjectType({ description: 'What dissolveAlliance changed.' })
export class DissolveAlliancePayload {
  @Field(() => Alliance, { description: 'The alliance, as dissolved (its dissolvedAt set).' })
  alliance!: Alliance;
}

import { Connection, Payload, StepConnection } from '@gongzhi/platform';
import { ObjectType } from '@nestjs/graphql';
import { CoBuildingProject, CoBuildingProjectStep, CommunityListItem } from './three-lists.schema';

@ObjectType({ description: "A page of items of communities' three lists (三份清单), newest first." })
export class CommunityListItemConnection extends Connection(CommunityListItem) {}

@ObjectType({ description: 'A page of co-building projects, newest first.' })
export class CoBuildingProjectConnection extends Connection(CoBuildingProject) {}

@ObjectType({ description: 'A page of the status changes of a co-building project, oldest first.' })
export class CoBuildingProjectStepConnection extends StepConnection(CoBuildingProjectStep) {}

const ITEM = 'The item, as it now stands on the list.';
@ObjectType({ description: 'What listResponsibility changed.' })
export class ListResponsibilityPayload extends Payload('communityListItem', CommunityListItem, ITEM) {}
@ObjectType({ description: 'What postNeed changed.' })
export class PostNeedPayload extends Payload('communityListItem', CommunityListItem, ITEM) {}
@ObjectType({ description: 'What offerResource changed.' })
export class OfferResourcePayload extends Payload('communityListItem', CommunityListItem, ITEM) {}
@ObjectType({ description: 'What matchResourcesToNeed changed.' })
export class MatchResourcesToNeedPayload extends Payload(
  'communityListItem',
  CommunityListItem,
  'The need, with its drafted resources.',
) {}

const PROJECT = 'The project, as it now stands.';
@ObjectType({ description: 'What setUpCoBuildingProject changed.' })
export class SetUpCoBuildingProjectPayload extends Payload('coBuildingProject', CoBuildingProject, PROJECT) {}
@ObjectType({ description: 'What approveCoBuildingProject changed.' })
export class ApproveCoBuildingProjectPayload extends Payload('coBuildingProject', CoBuildingProject, PROJECT) {}
@ObjectType({ description: 'What startCoBuildingProject changed.' })
export class StartCoBuildingProjectPayload extends Payload('coBuildingProject', CoBuildingProject, PROJECT) {}
@ObjectType({ description: 'What completeCoBuildingProject changed.' })
export class CompleteCoBuildingProjectPayload extends Payload('coBuildingProject', CoBuildingProject, PROJECT) {}
@ObjectType({ description: 'What cancelCoBuildingProject changed.' })
export class CancelCoBuildingProjectPayload extends Payload('coBuildingProject', CoBuildingProject, PROJECT) {}

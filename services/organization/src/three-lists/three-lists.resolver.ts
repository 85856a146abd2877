import {
  currentActor,
  ForbiddenError,
  GraphQLRequestContext,
  nullWhileDown,
  Public,
  requirePermission,
  StepFieldsResolver,
} from '@gongzhi/platform';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { PartnerUnit } from '../partners/partner-unit.schema';
import { Community } from '../territory/territory.schema';
import { CoBuildingProjectAction, projectActionsFrom } from './co-building-project.steps';
import { mayKeepListsOf, mayTakeProjectStep, partnerMayOfferIn } from './three-lists.access';
import { ThreeListsErrors } from './three-lists.errors';
import {
  CancelCoBuildingProjectInput,
  CoBuildingProjectsArgs,
  CoBuildingProjectStepInput,
  CommunityListItemsArgs,
  ListResponsibilityInput,
  MatchResourcesToNeedInput,
  OfferResourceInput,
  PostNeedInput,
  SetUpCoBuildingProjectInput,
} from './three-lists.inputs';
import {
  CoBuildingProject,
  type CoBuildingProjectDocument,
  CommunityList,
  CommunityListItem,
  type CommunityListItemDocument,
} from './three-lists.schema';
import { ThreeListsService } from './three-lists.service';
import {
  ApproveCoBuildingProjectPayload,
  CancelCoBuildingProjectPayload,
  CoBuildingProjectConnection,
  CoBuildingProjectStepConnection,
  CommunityListItemConnection,
  CompleteCoBuildingProjectPayload,
  ListResponsibilityPayload,
  MatchResourcesToNeedPayload,
  OfferResourcePayload,
  PostNeedPayload,
  SetUpCoBuildingProjectPayload,
  StartCoBuildingProjectPayload,
} from './three-lists.types';

const KEEPERS = 'The community secretary of the community, or street staff covering it.';

@Resolver(() => CommunityListItem)
export class CommunityListItemResolver {
  constructor(private readonly lists: ThreeListsService) {}

  @Public()
  @Query(() => CommunityListItemConnection, {
    nullable: true,
    description: nullWhileDown(
      "Items of communities' three lists (三份清单), newest first, by place, list and partner unit.\n" +
        "The 权责清单 is public; needs and resources are for the community's staff, residents and partner units with an agreement in force.",
      'organization',
    ),
  })
  communityListItems(@Args() args: CommunityListItemsArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.lists.listItems(loaders, args);
  }

  @Mutation(() => ListResponsibilityPayload, {
    description: `Puts a responsibility on a community's 权责清单.\n${KEEPERS}`,
  })
  async listResponsibility(
    @Args('input', { description: 'The community and the responsibility.' }) input: ListResponsibilityInput,
  ): Promise<ListResponsibilityPayload> {
    requirePermission(mayKeepListsOf(input.communityId));
    await this.lists.communityToKeep(input.communityId);
    const item = await this.lists.addItem({ ...input, list: CommunityList.RESPONSIBILITY }, currentActor().id);
    return { communityListItem: item };
  }

  @Mutation(() => PostNeedPayload, {
    description: `提需求: puts a residents' need the community collected on its 需求清单.\n${KEEPERS}`,
  })
  async postNeed(
    @Args('input', { description: 'The community and the need.' }) input: PostNeedInput,
  ): Promise<PostNeedPayload> {
    requirePermission(mayKeepListsOf(input.communityId));
    await this.lists.communityToKeep(input.communityId);
    return { communityListItem: await this.lists.addItem({ ...input, list: CommunityList.NEED }, currentActor().id) };
  }

  @Mutation(() => OfferResourcePayload, {
    description:
      "亮资源: puts a partner unit's resource on a community's 资源清单; the partner's agreement with it must be in force.\n" +
      `A partner's key with organization:resources:write, for its own unit in its co-building communities; or ${KEEPERS.toLowerCase()}`,
  })
  async offerResource(
    @Args('input', { description: 'The community, the resource and who offers it.' }) input: OfferResourceInput,
  ): Promise<OfferResourcePayload> {
    const actor = currentActor();
    let partnerUnitId: string;
    if (actor.kind === 'partner') {
      requirePermission(partnerMayOfferIn(input.communityId));
      if (input.partnerUnitId && input.partnerUnitId !== actor.partnerUnitId)
        throw new ForbiddenError("A partner's key offers its own unit's resources only");
      partnerUnitId = actor.partnerUnitId ?? actor.id;
    } else {
      requirePermission(mayKeepListsOf(input.communityId));
      await this.lists.communityToKeep(input.communityId);
      if (!input.partnerUnitId) throw ThreeListsErrors.partnerUnitRequired();
      partnerUnitId = input.partnerUnitId;
    }
    await this.lists.requireAgreementInForce(partnerUnitId, input.communityId);
    const item = await this.lists.addItem({ ...input, partnerUnitId, list: CommunityList.RESOURCE }, actor.id);
    return { communityListItem: item };
  }

  @Mutation(() => MatchResourcesToNeedPayload, {
    description: `拟清单: drafts the resources of the community's 资源清单 that could meet a need.\n${KEEPERS}`,
  })
  async matchResourcesToNeed(
    @Args('input', { description: 'The need and the resources drafted against it.' }) input: MatchResourcesToNeedInput,
  ): Promise<MatchResourcesToNeedPayload> {
    const need = await this.lists.needToChange(input.needId);
    requirePermission(mayKeepListsOf(String(need.communityId)));
    return { communityListItem: await this.lists.matchResources(need, input.resourceIds) };
  }

  @Public()
  @ResolveField(() => Community, { nullable: true, description: 'The community (社区) whose list it is on.' })
  community(@Parent() item: CommunityListItem, @Context() { loaders }: GraphQLRequestContext) {
    return this.lists.community(loaders, item.communityId);
  }

  @Public()
  @ResolveField(() => PartnerUnit, {
    nullable: true,
    description: 'RESOURCE: the partner unit offering it; null otherwise.',
  })
  partnerUnit(@Parent() item: CommunityListItem, @Context() { loaders }: GraphQLRequestContext) {
    return item.partnerUnitId ? this.lists.partnerUnit(loaders, item.partnerUnitId) : null;
  }

  @Public()
  @ResolveField(() => [CommunityListItem], {
    description: 'NEED: the resources drafted against it (拟清单), in the order given; empty otherwise.',
  })
  matchedResources(@Parent() item: CommunityListItemDocument, @Context() { loaders }: GraphQLRequestContext) {
    return this.lists.itemsByIds(loaders, item.matchedResourceIds ?? []);
  }
}

@Resolver(() => CoBuildingProject)
export class CoBuildingProjectResolver extends StepFieldsResolver(CoBuildingProject, {
  connection: CoBuildingProjectStepConnection,
  actions: CoBuildingProjectAction,
  history: (project: CoBuildingProjectDocument) => project.history,
  nextSteps: (project: CoBuildingProjectDocument) =>
    projectActionsFrom(project.status).filter((action) => mayTakeProjectStep(project, action)),
}) {
  constructor(private readonly lists: ThreeListsService) {
    super();
  }

  @Query(() => CoBuildingProjectConnection, {
    nullable: true,
    description: nullWhileDown(
      'Co-building projects (共建项目), newest first, by place, status and partner unit responsible.\n' +
        "The community's staff, residents and partner units with an agreement in force, in their communities.",
      'organization',
    ),
  })
  coBuildingProjects(@Args() args: CoBuildingProjectsArgs, @Context() { loaders }: GraphQLRequestContext) {
    return this.lists.listProjects(loaders, args);
  }

  @Query(() => CoBuildingProject, {
    nullable: true,
    description: 'A co-building project by id; null when there is none or it is not the caller’s to see.',
  })
  coBuildingProject(
    @Args('id', { type: () => ID, description: "The project's id." }) id: string,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.lists.project(loaders, id);
  }

  @Mutation(() => SetUpCoBuildingProjectPayload, {
    description: `设项目: sets up a project taking up a need with resources, a partner unit responsible; PROPOSED.\n${KEEPERS}`,
  })
  async setUpCoBuildingProject(
    @Args('input', { description: 'The need, the resources, the partner unit and what the project is.' })
    input: SetUpCoBuildingProjectInput,
  ): Promise<SetUpCoBuildingProjectPayload> {
    const need = await this.lists.needToChange(input.needId);
    requirePermission(mayKeepListsOf(String(need.communityId)));
    return { coBuildingProject: await this.lists.setUpProject(need, input) };
  }

  @Mutation(() => ApproveCoBuildingProjectPayload, { description: `Approves a proposed project.\n${KEEPERS}` })
  async approveCoBuildingProject(
    @Args('input', { description: 'The project.' }) input: CoBuildingProjectStepInput,
  ): Promise<ApproveCoBuildingProjectPayload> {
    return { coBuildingProject: await this.step(input.projectId, CoBuildingProjectAction.APPROVE, input.note) };
  }

  @Mutation(() => StartCoBuildingProjectPayload, {
    description: `Records that the work of an approved project began.\n${KEEPERS} So does the partner unit responsible for it, with organization:projects:write.`,
  })
  async startCoBuildingProject(
    @Args('input', { description: 'The project.' }) input: CoBuildingProjectStepInput,
  ): Promise<StartCoBuildingProjectPayload> {
    return { coBuildingProject: await this.step(input.projectId, CoBuildingProjectAction.START, input.note) };
  }

  @Mutation(() => CompleteCoBuildingProjectPayload, {
    description: `Records that a project in progress is done.\n${KEEPERS} So does the partner unit responsible for it, with organization:projects:write.`,
  })
  async completeCoBuildingProject(
    @Args('input', { description: 'The project.' }) input: CoBuildingProjectStepInput,
  ): Promise<CompleteCoBuildingProjectPayload> {
    return { coBuildingProject: await this.step(input.projectId, CoBuildingProjectAction.COMPLETE, input.note) };
  }

  @Mutation(() => CancelCoBuildingProjectPayload, {
    description: `Gives up a project not yet completed, with the reason in its history.\n${KEEPERS}`,
  })
  async cancelCoBuildingProject(
    @Args('input', { description: 'The project and why.' }) input: CancelCoBuildingProjectInput,
  ): Promise<CancelCoBuildingProjectPayload> {
    return { coBuildingProject: await this.step(input.projectId, CoBuildingProjectAction.CANCEL, input.reason) };
  }

  private async step(projectId: string, action: CoBuildingProjectAction, note: string | undefined) {
    const project = await this.lists.projectToChange(projectId);
    requirePermission(mayTakeProjectStep(project, action));
    return this.lists.step(project, action, note ?? null);
  }

  @ResolveField(() => Community, { nullable: true, description: 'The community (社区) it serves.' })
  community(@Parent() project: CoBuildingProject, @Context() { loaders }: GraphQLRequestContext) {
    return this.lists.community(loaders, project.communityId);
  }

  @ResolveField(() => CommunityListItem, { nullable: true, description: 'The need (需求清单) it takes up.' })
  need(@Parent() project: CoBuildingProject, @Context() { loaders }: GraphQLRequestContext) {
    return this.lists.itemsByIds(loaders, [project.needId]).then(([need]) => need ?? null);
  }

  @ResolveField(() => [CommunityListItem], { description: 'The resources (资源清单) it uses.' })
  resources(@Parent() project: CoBuildingProject, @Context() { loaders }: GraphQLRequestContext) {
    return this.lists.itemsByIds(loaders, project.resourceIds);
  }

  @ResolveField(() => PartnerUnit, { nullable: true, description: 'The partner unit responsible for it.' })
  partnerUnit(@Parent() project: CoBuildingProject, @Context() { loaders }: GraphQLRequestContext) {
    return this.lists.partnerUnit(loaders, project.partnerUnitId);
  }
}

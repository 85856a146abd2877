import { ConnectionArgs, type GraphQLRequestContext, Public } from '@gongzhi/platform';
import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GardenPlotConnection } from '../gardens/gardens.types';
import { GardensService } from '../gardens/gardens.service';
import { LampRenewalsService } from '../lighting/lamp-renewals.service';
import { LampsService } from '../lighting/lamps.service';
import { LampConnection, LampRenewalProjectConnection } from '../lighting/lighting.types';
import { ParkingLotsService } from '../parking/parking-lots.service';
import { ParkingLotConnection } from '../parking/parking.types';
import { RoomConnection } from '../rooms/rooms.types';
import { RoomsService } from '../rooms/rooms.service';
import { Building, Community, Compound } from './territory.types';

/**
 * What organization's places have here, in one place per type: public lists, each answered for every place of a
 * page by one query (the features' childConnection). A household's records, which need access checks, are extended
 * by their own features. Every list is nullable: organization owns these types, and a non-null field of ours would
 * make the gateway null the whole place (losing organization's fields too) whenever facilities is down.
 */
@Resolver(() => Community)
export class CommunityFacilitiesResolver {
  constructor(
    private readonly lamps: LampsService,
    private readonly renewals: LampRenewalsService,
    private readonly rooms: RoomsService,
    private readonly parking: ParkingLotsService,
    private readonly gardens: GardensService,
  ) {}

  @Public()
  @ResolveField('lamps', () => LampConnection, { nullable: true, description: 'By asset number.' })
  communityLamps(
    @Parent() { id }: Community,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.lamps.of(loaders, 'communityId', id, args);
  }

  @Public()
  @ResolveField('lampRenewalProjects', () => LampRenewalProjectConnection, {
    nullable: true,
    description: 'Newest motion first.',
  })
  communityRenewals(
    @Parent() { id }: Community,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.renewals.ofCommunity(loaders, id, args);
  }

  @Public()
  @ResolveField('rooms', () => RoomConnection, { nullable: true, description: 'By name.' })
  communityRooms(
    @Parent() { id }: Community,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.rooms.of(loaders, 'communityId', id, args);
  }

  @Public()
  @ResolveField('parkingLots', () => ParkingLotConnection, { nullable: true, description: 'By name.' })
  communityParkingLots(
    @Parent() { id }: Community,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.parking.of(loaders, 'communityId', id, args);
  }

  @Public()
  @ResolveField('gardenPlots', () => GardenPlotConnection, { nullable: true, description: 'By name.' })
  communityGardenPlots(
    @Parent() { id }: Community,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.gardens.plotsOf(loaders, 'communityId', id, args);
  }
}

@Resolver(() => Compound)
export class CompoundFacilitiesResolver {
  constructor(
    private readonly lamps: LampsService,
    private readonly rooms: RoomsService,
    private readonly parking: ParkingLotsService,
    private readonly gardens: GardensService,
  ) {}

  @Public()
  @ResolveField('lamps', () => LampConnection, { nullable: true, description: 'By asset number.' })
  compoundLamps(
    @Parent() { id }: Compound,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.lamps.of(loaders, 'compoundId', id, args);
  }

  @Public()
  @ResolveField('rooms', () => RoomConnection, { nullable: true, description: 'By name.' })
  compoundRooms(
    @Parent() { id }: Compound,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.rooms.of(loaders, 'compoundId', id, args);
  }

  @Public()
  @ResolveField('parkingLots', () => ParkingLotConnection, { nullable: true, description: 'By name.' })
  compoundParkingLots(
    @Parent() { id }: Compound,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.parking.of(loaders, 'compoundId', id, args);
  }

  @Public()
  @ResolveField('gardenPlots', () => GardenPlotConnection, { nullable: true, description: 'By name.' })
  compoundGardenPlots(
    @Parent() { id }: Compound,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.gardens.plotsOf(loaders, 'compoundId', id, args);
  }
}

@Resolver(() => Building)
export class BuildingFacilitiesResolver {
  constructor(private readonly lamps: LampsService) {}

  @Public()
  @ResolveField('lamps', () => LampConnection, { nullable: true, description: 'The lamps beside it, by asset number.' })
  buildingLamps(
    @Parent() { id }: Building,
    @Args() args: ConnectionArgs,
    @Context() { loaders }: GraphQLRequestContext,
  ) {
    return this.lamps.of(loaders, 'buildingId', id, args);
  }
}

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerritoryModule } from '../territory/territory.module';
import { GridCell, GridCellSchema } from './grid-cell.schema';
import { CommunityGridResolver, GridCellResolver, GridRoleHolderResolver } from './grid.resolver';
import { GridService } from './grid.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: GridCell.name, schema: GridCellSchema }]), TerritoryModule],
  providers: [GridService, GridCellResolver, CommunityGridResolver, GridRoleHolderResolver],
})
export class GridModule {}

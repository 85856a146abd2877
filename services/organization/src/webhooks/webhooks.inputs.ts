import { DATE_WINDOWS, IsDateWithin } from '@gongzhi/platform';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsEnum,
  IsInt,
  IsMongoId,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { WebhookEventType } from './webhook-events';

@InputType({ description: 'Registers an HTTPS endpoint for a set of events.' })
export class RegisterWebhookSubscriptionInput {
  @Field({
    description:
      'The https URL deliveries are POSTed to. Loopback, private, link-local and metadata addresses are refused.',
  })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @Field(() => [WebhookEventType], { description: 'The events to receive (at least one).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(WebhookEventType, { each: true })
  eventTypes!: WebhookEventType[];

  @Field(() => ID, {
    nullable: true,
    description:
      'Staff: the org unit the subscription belongs to, one they hold a staff role at; its jurisdiction decides what is delivered. Partners leave it out: theirs belongs to their partner unit.',
  })
  @IsOptional()
  @IsMongoId()
  orgUnitId?: string;

  @Field(() => String, { nullable: true, description: 'What the endpoint is for, for its owner.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

@InputType({ isAbstract: true })
abstract class WebhookSubscriptionIdInput {
  @Field(() => ID, { description: 'The subscription.' })
  @IsMongoId()
  webhookSubscriptionId!: string;
}

@InputType({ description: 'Pauses a webhook subscription.' })
export class PauseWebhookSubscriptionInput extends WebhookSubscriptionIdInput {}

@InputType({ description: 'Resumes a paused or disabled webhook subscription.' })
export class ResumeWebhookSubscriptionInput extends WebhookSubscriptionIdInput {}

@InputType({ description: 'Deletes a webhook subscription.' })
export class DeleteWebhookSubscriptionInput extends WebhookSubscriptionIdInput {}

/** A week, as for API keys: time to roll the new secret out to every receiver. */
const MAX_OVERLAP_SECONDS = 7 * 24 * 3600;

@InputType({ description: 'Replaces the signing secret, keeping the old one valid for an overlap.' })
export class RotateWebhookSecretInput extends WebhookSubscriptionIdInput {
  @Field(() => Int, {
    defaultValue: 86_400,
    description: `How long deliveries also carry the old secret's signature, in seconds: 0 to ${MAX_OVERLAP_SECONDS} (a week); a day unless given.`,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_OVERLAP_SECONDS)
  overlapSeconds: number = 86_400;
}

@InputType({ description: 'Sends deliveries again: one by its id, or all recorded in a time range.' })
export class ReplayWebhookDeliveriesInput extends WebhookSubscriptionIdInput {
  @Field(() => ID, { nullable: true, description: 'One delivery to send again. Give it, or since (and until).' })
  @IsOptional()
  @IsMongoId()
  deliveryId?: string;

  @Field(() => Date, { nullable: true, description: 'Send again every delivery recorded from this instant on.' })
  @IsOptional()
  @IsDateWithin(DATE_WINDOWS.RANGE)
  since?: Date;

  @Field(() => Date, { nullable: true, description: 'With since: up to this instant (now unless given).' })
  @IsOptional()
  @IsDateWithin(DATE_WINDOWS.RANGE)
  until?: Date;
}

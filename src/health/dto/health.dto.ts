// The health check's answer (@nestjs/terminus): the same shape for 200 and 503.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Indicator name → `{ status: up|down, … }`. */
const indicators = {
  type: 'object' as const,
  additionalProperties: { type: 'object' as const, required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] } }, additionalProperties: true },
  example: { database: { status: 'up' } },
};

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status: string;
  @ApiPropertyOptional({ ...indicators, description: 'the indicators that are up' }) info?: Record<string, { status: string }>;
  @ApiPropertyOptional({ ...indicators, description: 'the indicators that are down' }) error?: Record<string, { status: string }>;
  @ApiProperty({ ...indicators, description: 'every indicator' }) details: Record<string, { status: string }>;
}

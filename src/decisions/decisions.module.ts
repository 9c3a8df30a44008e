import { Module } from '@nestjs/common';
import { DecisionsService } from './decisions.service';

@Module({ providers: [DecisionsService], exports: [DecisionsService] })
export class DecisionsModule {}

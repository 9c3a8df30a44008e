import { Global, Module } from '@nestjs/common';
import { AdminSeeder } from './admin-seeder';
import { PrincipalsService } from './principals.service';

@Global()
@Module({ providers: [PrincipalsService, AdminSeeder], exports: [PrincipalsService, AdminSeeder] })
export class OfficialsModule {}

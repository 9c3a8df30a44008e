import { Global, Module } from '@nestjs/common';
import { AdminSeeder } from './admin-seeder';
import { PrincipalsService } from './principals.service';
import { TokenAdminService } from './token-admin.service';

/** Who calls: principals by token (cached, dropped on any change), the demo admin, tokens issued and revoked. */
@Global()
@Module({ providers: [PrincipalsService, AdminSeeder, TokenAdminService], exports: [PrincipalsService, AdminSeeder, TokenAdminService] })
export class AuthModule {}

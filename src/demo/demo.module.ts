import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { GrantsModule } from '../grants/grants.module';
import { DemoProvince } from './demo-province.service';

/** `npm run demo`: the demo province (the token service comes from the global AuthModule). */
@Module({ imports: [DirectoryModule, GrantsModule], providers: [DemoProvince], exports: [DemoProvince] })
export class DemoModule {}

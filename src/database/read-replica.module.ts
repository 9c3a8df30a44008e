import { type DynamicModule, Module } from '@nestjs/common';
import type { DataSourceOptions } from 'typeorm';
import { READ_REPLICA_OPTIONS, ReadReplica } from './read-replica';

/** ReadReplica for every controller that serves reads that may lag; the options are the composition root's. */
@Module({})
export class ReadReplicaModule {
  static forRoot(options: DataSourceOptions | null): DynamicModule {
    return { module: ReadReplicaModule, global: true, providers: [{ provide: READ_REPLICA_OPTIONS, useValue: options }, ReadReplica], exports: [ReadReplica] };
  }
}

import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChangeListener } from '../common/change-listener';
import { ProcedureDefinitionsService } from './procedure-definitions.service';

/** What migration ProcedureDefinitionNotify's trigger sends on every deployed version. */
const DEPLOYED = {
  name: 'dvc_procedures_deployed',
  subject: 'deployed procedure versions',
  whileDown: 'a version deployed elsewhere is read at its first use until it can',
  whenBack: 'deployed versions are registered as they come',
};

/**
 * The service's ear on deployments made elsewhere (another instance, the CLI): each one, and
 * anything missed while not listening, is registered here without a restart. The versions a
 * dossier or a schedule names are also looked up on a miss (ensureRegistered), so intake never
 * waits on the notification.
 */
@Injectable()
export class DeploymentsListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Procedures');
  private listener: ChangeListener | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly definitions: ProcedureDefinitionsService,
  ) {}

  onApplicationBootstrap(): void {
    const url = (this.db.options as { url?: string }).url;
    if (!url) return;
    this.listener = new ChangeListener(url, DEPLOYED, () => {
      this.definitions.load().catch((error: Error) => this.logger.warn(`cannot register the deployed versions: ${error.message}`));
    });
    this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
  }
}

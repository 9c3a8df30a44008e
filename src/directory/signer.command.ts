import { Option, SubCommand } from 'nest-commander';
import { CliContext, CliFailure, JsonCommand, type JsonOption } from '../cli/cli-context';
import { SignerService } from './signer.service';

type SignerOptions = JsonOption & { official: string; maySign: string };

/** `officials signer --official ID_NUMBER --may-sign yes|no`. */
@SubCommand({ name: 'signer', description: 'let an official sign documents for the unit (the apology letter, form 04), or stop it' })
export class OfficialsSignerCommand extends JsonCommand<SignerOptions> {
  constructor(
    private readonly signers: SignerService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: SignerOptions): Promise<void> {
    const value = options.maySign.toLowerCase();
    if (!['yes', 'no', 'true', 'false'].includes(value)) throw new CliFailure(`--may-sign must be yes or no, got "${options.maySign}"`);
    const result = await this.signers.setMaySign(options.official, value === 'yes' || value === 'true', this.cli.actor);
    this.cli.result(
      options.json,
      result,
      () => `${result.fullName} (${result.official}, ${result.unitCode}): ${result.changed ? 'now' : 'already'} ${result.maySign ? 'may sign for the unit' : 'may not sign'}`,
    );
  }

  @Option({ flags: '--official <idNumber>', description: "the official's ID number (CCCD/CMND)", required: true })
  parseOfficial(value: string): string {
    return value;
  }

  @Option({ flags: '--may-sign <yes|no>', description: 'yes: may sign documents for the unit; no: may not', required: true })
  parseMaySign(value: string): string {
    return value;
  }
}

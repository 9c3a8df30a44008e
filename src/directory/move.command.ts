import { Option, SubCommand } from 'nest-commander';
import { CliContext, JsonCommand, type JsonOption } from '../cli/cli-context';
import { OfficialMoveService } from './official-move.service';

type MoveOptions = JsonOption & { official: string; unit: string };

/** `officials move --official ID_NUMBER --unit CODE`. */
@SubCommand({ name: 'move', description: 'move an official to another unit; their grants, tokens and right to sign are revoked' })
export class OfficialsMoveCommand extends JsonCommand<MoveOptions> {
  constructor(
    private readonly moves: OfficialMoveService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: MoveOptions): Promise<void> {
    const r = await this.moves.move(options.official, options.unit, this.cli.actor);
    this.cli.result(options.json, r, () =>
      r.changed
        ? `${r.fullName} (${r.official}): moved from ${r.fromUnit} to ${r.toUnit}; ${r.grantsRevoked} grant(s) and ${r.tokensRevoked} token(s) revoked`
        : `${r.fullName} (${r.official}): already of ${r.toUnit}`,
    );
  }

  @Option({ flags: '--official <idNumber>', description: "the official's ID number (CCCD/CMND)", required: true })
  parseOfficial(value: string): string {
    return value;
  }

  @Option({ flags: '--unit <code>', description: 'the code of the unit the official now works for', required: true })
  parseUnit(value: string): string {
    return value;
  }
}

// The JSON schema of DossierActionDto, for the compiled validator of the action route. It accepts
// exactly what the DTO's class-validator decorators accept (dossier-action.schema.spec.ts checks
// it on generated bodies); keep the two in step. Optional fields take null, as @IsOptional does.
import { addBodyFormat, oneOf, optional } from '../../common/compiled-body.pipe';
import { isKnownAction } from '../../workflow/definitions';

// An action of the engine or of a registered version, deployed ones included (asked at each call).
addBodyFormat('isKnownAction', isKnownAction);

const supplementItem = {
  type: 'object',
  additionalProperties: false,
  required: ['document', 'form'],
  properties: {
    document: { type: 'string', format: 'isText', maxLength: 500 },
    form: oneOf(['electronic', 'paper']),
    note: optional({ type: 'string', format: 'isTextLines', maxLength: 2000 }),
  },
};

const signature = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['certificateSerial', 'signedAt'],
  properties: {
    certificateSerial: { type: 'string', pattern: '^[0-9A-Fa-f]{1,64}$' },
    signedAt: { type: 'string', format: 'isInstant' },
  },
};

export const DOSSIER_ACTION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['action'],
  properties: {
    action: { type: 'string', format: 'isKnownAction' },
    comment: optional({ type: 'string', format: 'isTextLines', maxLength: 4000 }),
    reason: optional({ type: 'string', format: 'isReasonText', maxLength: 4000 }),
    channel: oneOf(['online', 'paper'], true),
    items: optional({ type: 'array', minItems: 1, maxItems: 50, items: supplementItem }),
    ground: optional({ type: 'string', maxLength: 60 }),
    signature,
    expectedVersion: optional({ type: 'integer', minimum: 1 }),
    data: optional({ type: 'object' }),
  },
};

import { ParseUUIDPipe } from '@nestjs/common';

/** A path id must be a UUID (any version): 400 otherwise, before any query. */
export const uuidPipe = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 400 });

/** The header of every answer that may come from a replica: how fresh its data is. */
export const DATA_AS_OF = 'X-Data-As-Of';

/** The header as the OpenAPI document describes it. */
export const DataAsOfHeader = {
  [DATA_AS_OF]: {
    description: 'How fresh the data is (ISO 8601): the replica\'s last replayed commit when a replica answered, else now',
    schema: { type: 'string', format: 'date-time' },
  },
};

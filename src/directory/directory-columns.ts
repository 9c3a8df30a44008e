// Pure: the columns of the units and officials spreadsheets (the CLI's help names them without loading the import).
export const UNIT_COLUMNS = ['code', 'name', 'kind', 'province_code', 'district_code'] as const;
/** Optional: without the column the short names stay as they are; an empty cell clears one. */
export const UNIT_OPTIONAL_COLUMNS = ['short_name'] as const;
export const OFFICIAL_COLUMNS = ['full_name', 'id_number', 'phone', 'unit_code', 'email'] as const;
/** Optional: empty (or no such column) leaves the right as it is, like `officials signer`. */
export const OFFICIAL_OPTIONAL_COLUMNS = ['may_sign'] as const;

// Pure: the columns of the grants spreadsheet (the CLI's help names them without loading the import).
export const GRANT_COLUMNS = ['official_id', 'procedure', 'step'] as const;
/** What `permissions list --csv` adds; read past, so a listing can be edited and imported back. */
export const GRANT_INFO_COLUMNS = ['full_name', 'unit_code', 'granted_at'] as const;

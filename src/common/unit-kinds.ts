// Pure: the kinds of agency office (docs/api.md): who a unit is, and so which steps its officials may hold.
export const UNIT_KINDS = ['social-insurance', 'district-pc', 'provincial-pc', 'social-policy-bank', 'dolisa'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

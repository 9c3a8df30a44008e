// Pure: the kinds of agency office (docs/api.md): who a unit is, and so which steps its officials may hold.
export const UNIT_KINDS = ['social-insurance', 'district-pc', 'provincial-pc', 'social-policy-bank', 'dolisa'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Kinds deployed procedures declared, registered as they are loaded (at start and on deploy). */
const DECLARED = new Set<string>();

export function registerUnitKinds(codes: readonly string[]): void {
  for (const code of codes) if (!(UNIT_KINDS as readonly string[]).includes(code)) DECLARED.add(code);
}

/** Every unit kind a unit may have now: the built-in ones, then those deployed procedures declared. */
export function knownUnitKinds(): string[] {
  return [...UNIT_KINDS, ...DECLARED];
}

// Pure: the letterhead of an issuing unit: its superior agency, its name and its place name.
import type { AdministrativeUnits } from '../common/administrative-units';
import type { UnitKind } from '../common/unit-kinds';
import { vnUpper } from './vn-format';

export interface IssuingUnit {
  name: string;
  kind: UnitKind;
  provinceCode: string;
  districtCode: string | null;
}

export interface Letterhead {
  superior: string | null;
  /** The unit's name in capitals, as the letterhead prints it. */
  issuer: string;
  place: string;
  /** The unit's name as the text of a document writes it. */
  name: string;
}

/**
 * Decree 30/2020/NĐ-CP: a unit under another writes its superior's name above its own (a district
 * BHXH under the province's BHXH, a province's under Vietnam Social Security, a department under
 * the provincial People's Committee, a bank branch under the Social Policy Bank); People's
 * Committees write none. The place is the district's for a district unit, else the province's.
 */
export function letterhead(unit: IssuingUnit, units: AdministrativeUnits): Letterhead {
  const province = units.province(unit.provinceCode);
  const provinceName = province?.name ?? `tỉnh ${unit.provinceCode}`;
  const superiors: Record<UnitKind, string | null> = {
    'social-insurance': unit.districtCode ? `Bảo hiểm xã hội ${provinceName.toLocaleLowerCase('vi')}` : 'Bảo hiểm xã hội Việt Nam',
    'district-pc': null,
    'provincial-pc': null,
    'social-policy-bank': 'Ngân hàng Chính sách xã hội',
    dolisa: `UBND ${provinceName.toLocaleLowerCase('vi')}`,
  };
  const superior = superiors[unit.kind];
  return {
    superior: superior ? vnUpper(superior) : null,
    issuer: vnUpper(unit.name),
    place: units.placeName(unit.provinceCode, unit.districtCode),
    name: unit.name,
  };
}

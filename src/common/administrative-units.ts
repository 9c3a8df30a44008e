// Pure: the administrative units of 2020–2021 (provinces and districts) that the programmes were run
// under: codes, names, place names for documents, and each district's minimum-wage region. The data
// comes in as a value (the bundled file, or an operator's file read by the config).
import bundled from './data/administrative-units-2020-2021.json';

export interface Province {
  code: string;
  /** "Tỉnh Quảng Ngãi", "Thành phố Cần Thơ". */
  name: string;
  /** The place name written before the date of a document: "Quảng Ngãi". */
  shortName: string;
}

export interface District {
  code: string;
  name: string;
  shortName: string;
  /** Region (1–4) of the regional minimum wage (Decree 90/2019/NĐ-CP, in force 2020–2021). */
  wageRegion: 1 | 2 | 3 | 4 | null;
  /** Units dissolved or created in the period carry the days they existed (YYYY-MM-DD, inclusive). */
  validFrom?: string;
  validUntil?: string;
}

export interface AdministrativeUnitsData {
  provinces: Province[];
  /** Districts by province code; a province absent here has no reference list. */
  districts: Record<string, District[]>;
}

/** How strictly a district code is checked against the reference list. */
export type DistrictCheck = 'listed' | 'all' | 'off';

export class AdministrativeUnits {
  private readonly provinces: Map<string, Province>;
  private readonly districts: Map<string, Map<string, District>>;

  constructor(data: AdministrativeUnitsData) {
    this.provinces = new Map(data.provinces.map((p) => [p.code, p]));
    this.districts = new Map(Object.entries(data.districts).map(([province, list]) => [province, new Map(list.map((d) => [d.code, d]))]));
  }

  /** The bundled list, with an operator's provinces replacing or adding to it. */
  static withOverrides(extra?: Partial<AdministrativeUnitsData>): AdministrativeUnits {
    const base = bundled as AdministrativeUnitsData;
    if (!extra) return new AdministrativeUnits(base);
    const provinces = new Map(base.provinces.map((p) => [p.code, p]));
    for (const p of extra.provinces ?? []) provinces.set(p.code, p);
    return new AdministrativeUnits({ provinces: [...provinces.values()], districts: { ...base.districts, ...(extra.districts ?? {}) } });
  }

  province(code: string): Province | undefined {
    return this.provinces.get(code);
  }

  /** Whether the province has a reference list of districts. */
  hasDistricts(provinceCode: string): boolean {
    return this.districts.has(provinceCode);
  }

  district(provinceCode: string, districtCode: string): District | undefined {
    return this.districts.get(provinceCode)?.get(districtCode);
  }

  /**
   * Why `districtCode` is not a district of `provinceCode` on `day` (YYYY-MM-DD, Vietnam), or null.
   * `listed` checks the provinces that have a list and accepts the format elsewhere; `all` also
   * refuses a province without a list; `off` checks only that the province exists.
   */
  districtProblem(provinceCode: string, districtCode: string, day: string, check: DistrictCheck): string | null {
    if (!this.provinces.has(provinceCode)) return `provinceCode ${provinceCode} is not a province code`;
    if (check === 'off') return null;
    const list = this.districts.get(provinceCode);
    if (!list) return check === 'all' ? `province ${provinceCode} has no reference list of districts to check districtCode against` : null;
    const district = list.get(districtCode);
    const province = this.provinces.get(provinceCode)!.name;
    if (!district) return `districtCode ${districtCode} is not a district of ${province} (2020–2021 reference list)`;
    if ((district.validFrom && day < district.validFrom) || (district.validUntil && day > district.validUntil)) {
      return `districtCode ${districtCode} (${district.name}) did not exist on ${day}`;
    }
    return null;
  }

  /** The minimum-wage region of a district, null when the reference list does not say. */
  wageRegion(provinceCode: string, districtCode: string): 1 | 2 | 3 | 4 | null {
    return this.district(provinceCode, districtCode)?.wageRegion ?? null;
  }

  /**
   * The place name written before a document's date (Decree 30/2020/NĐ-CP): the district's for
   * a district-level unit, the province's otherwise.
   */
  placeName(provinceCode: string, districtCode: string | null): string {
    const district = districtCode ? this.district(provinceCode, districtCode) : undefined;
    return district?.shortName ?? this.province(provinceCode)?.shortName ?? provinceCode;
  }
}

/** The province codes assigned in 2020–2021 (the first three digits of a CCCD are "0" + one of them). */
export const PROVINCE_CODES: ReadonlySet<string> = new Set((bundled as AdministrativeUnitsData).provinces.map((p) => p.code));

/** Checks an operator's file has the shape of the bundled one; the messages name the path. */
export function administrativeUnitsProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['the file must hold a JSON object { provinces?, districts? }'];
  const problems: string[] = [];
  const data = value as Partial<AdministrativeUnitsData>;
  for (const [i, p] of (Array.isArray(data.provinces) ? data.provinces : []).entries()) {
    if (!/^\d{2}$/.test(String(p?.code)) || typeof p?.name !== 'string' || typeof p?.shortName !== 'string') {
      problems.push(`provinces.${i} must be { code: "NN", name, shortName }`);
    }
  }
  if (data.provinces !== undefined && !Array.isArray(data.provinces)) problems.push('provinces must be a list');
  if (data.districts !== undefined && (typeof data.districts !== 'object' || data.districts === null || Array.isArray(data.districts))) {
    problems.push('districts must be an object of province code → list');
  }
  for (const [province, list] of Object.entries(data.districts ?? {})) {
    if (!/^\d{2}$/.test(province)) problems.push(`districts.${province}: the key must be a 2-digit province code`);
    if (!Array.isArray(list)) {
      problems.push(`districts.${province} must be a list`);
      continue;
    }
    for (const [i, d] of list.entries()) {
      const region = d?.wageRegion;
      const dateOk = (v: unknown) => v === undefined || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v));
      if (
        !/^\d{3}$/.test(String(d?.code)) || typeof d?.name !== 'string' || typeof d?.shortName !== 'string' ||
        !(region === null || region === undefined || [1, 2, 3, 4].includes(region)) || !dateOk(d?.validFrom) || !dateOk(d?.validUntil)
      ) {
        problems.push(`districts.${province}.${i} must be { code: "NNN", name, shortName, wageRegion: 1-4 | null, validFrom?, validUntil? }`);
      }
    }
  }
  return problems;
}

import { AdministrativeUnits, administrativeUnitsProblems, PROVINCE_CODES } from './administrative-units';

describe('administrative units of 2020–2021', () => {
  const units = AdministrativeUnits.withOverrides();

  it('knows the 63 provinces and their place names', () => {
    expect(PROVINCE_CODES.size).toBe(63);
    expect(units.province('51')).toEqual({ code: '51', name: 'Tỉnh Quảng Ngãi', shortName: 'Quảng Ngãi' });
    expect(units.province('92')?.name).toBe('Thành phố Cần Thơ');
    for (const unassigned of ['03', '05', '97', '00']) expect(PROVINCE_CODES.has(unassigned)).toBe(false);
  });

  it('checks a district against its province on the day, as configured', () => {
    expect(units.districtProblem('51', '524', '2020-05-12', 'listed')).toBeNull();
    expect(units.districtProblem('92', '916', '2021-10-26', 'listed')).toBeNull();
    expect(units.districtProblem('51', '916', '2020-05-12', 'listed')).toBe('districtCode 916 is not a district of Tỉnh Quảng Ngãi (2020–2021 reference list)');
    expect(units.districtProblem('51', '526', '2020-01-31', 'listed')).toBeNull();
    expect(units.districtProblem('51', '526', '2020-02-01', 'listed')).toBe('districtCode 526 (Huyện Tây Trà) did not exist on 2020-02-01');
    // Đà Nẵng has no list: accepted when `listed`, refused when `all`; `off` checks only the province.
    expect(units.districtProblem('48', '490', '2020-05-12', 'listed')).toBeNull();
    expect(units.districtProblem('48', '490', '2020-05-12', 'all')).toMatch(/no reference list/);
    expect(units.districtProblem('51', '916', '2020-05-12', 'off')).toBeNull();
    expect(units.districtProblem('03', '001', '2020-05-12', 'off')).toBe('provinceCode 03 is not a province code');
  });

  it('gives the minimum-wage region and the place name written before a document\'s date', () => {
    expect(units.wageRegion('92', '916')).toBe(2);
    expect(units.wageRegion('92', '925')).toBe(3);
    expect(units.wageRegion('51', '522')).toBe(3);
    expect(units.wageRegion('48', '490')).toBeNull();
    expect(units.placeName('51', null)).toBe('Quảng Ngãi');
    expect(units.placeName('51', '524')).toBe('Bình Sơn');
    expect(units.placeName('92', '916')).toBe('Ninh Kiều');
    expect(units.placeName('48', '490')).toBe('Đà Nẵng');
  });

  it('takes an operator\'s provinces on top of the bundled list', () => {
    const extended = AdministrativeUnits.withOverrides({
      districts: { '48': [{ code: '490', name: 'Quận Liên Chiểu', shortName: 'Liên Chiểu', wageRegion: 1 }] },
    });
    expect(extended.districtProblem('48', '491', '2020-05-12', 'listed')).toMatch(/not a district of Thành phố Đà Nẵng/);
    expect(extended.wageRegion('48', '490')).toBe(1);
    expect(extended.district('51', '522')?.name).toBe('Thành phố Quảng Ngãi');
  });

  it('names what is wrong in an operator\'s file', () => {
    expect(administrativeUnitsProblems({ districts: { '48': [{ code: '490', name: 'x', shortName: 'x', wageRegion: 1 }] } })).toEqual([]);
    expect(administrativeUnitsProblems([])).toEqual(['the file must hold a JSON object { provinces?, districts? }']);
    expect(administrativeUnitsProblems({ provinces: {} })).toEqual(['provinces must be a list']);
    expect(administrativeUnitsProblems({ provinces: [{ code: '5', name: 'x' }], districts: { X: [{ code: '1' }], '48': 'no' } })).toEqual([
      'provinces.0 must be { code: "NN", name, shortName }',
      'districts.48 must be a list',
      'districts.X: the key must be a 2-digit province code',
      'districts.X.0 must be { code: "NNN", name, shortName, wageRegion: 1-4 | null, validFrom?, validUntil? }',
    ]);
  });
});

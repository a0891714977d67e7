/**
 * Microsoft Time Zone Index values (the numbering Autotask's InternalLocations.timeZone returns,
 * per the official InternalLocations page) with the Windows zone each stands for and an IANA zone
 * with the same rules today. The index list is Microsoft's (support article 973627, indexes in
 * hex there); the IANA choice follows the Windows id's current meaning, as in CLDR's mapping.
 */

/** [index, Windows zone name, IANA zone]. */
const TABLE: ReadonlyArray<readonly [number, string, string]> = [
  [0x0, 'Dateline Standard Time', 'Etc/GMT+12'],
  [0x1, 'Samoa Standard Time', 'Pacific/Pago_Pago'], // "(GMT-11:00) Midway Island, Samoa" in Microsoft's list
  [0x2, 'Hawaiian Standard Time', 'Pacific/Honolulu'],
  [0x3, 'Alaskan Standard Time', 'America/Anchorage'],
  [0x4, 'Pacific Standard Time', 'America/Los_Angeles'],
  [0xa, 'Mountain Standard Time', 'America/Denver'],
  [0xd, 'Mexico Standard Time 2', 'America/Mazatlan'],
  [0xf, 'US Mountain Standard Time', 'America/Phoenix'],
  [0x14, 'Central Standard Time', 'America/Chicago'],
  [0x19, 'Canada Central Standard Time', 'America/Regina'],
  [0x1e, 'Mexico Standard Time', 'America/Mexico_City'],
  [0x21, 'Central America Standard Time', 'America/Guatemala'],
  [0x23, 'Eastern Standard Time', 'America/New_York'],
  [0x28, 'US Eastern Standard Time', 'America/Indiana/Indianapolis'],
  [0x2d, 'SA Pacific Standard Time', 'America/Bogota'],
  [0x32, 'Atlantic Standard Time', 'America/Halifax'],
  [0x37, 'SA Western Standard Time', 'America/La_Paz'],
  [0x38, 'Pacific SA Standard Time', 'America/Santiago'],
  [0x3c, 'Newfoundland Standard Time', 'America/St_Johns'],
  [0x41, 'E. South America Standard Time', 'America/Sao_Paulo'],
  [0x46, 'SA Eastern Standard Time', 'America/Cayenne'],
  [0x49, 'Greenland Standard Time', 'America/Godthab'],
  [0x4b, 'Mid-Atlantic Standard Time', 'Etc/GMT+2'],
  [0x50, 'Azores Standard Time', 'Atlantic/Azores'],
  [0x53, 'Cape Verde Standard Time', 'Atlantic/Cape_Verde'],
  [0x55, 'GMT Standard Time', 'Europe/London'],
  [0x5a, 'Greenwich Standard Time', 'Atlantic/Reykjavik'],
  [0x5f, 'Central Europe Standard Time', 'Europe/Budapest'],
  [0x64, 'Central European Standard Time', 'Europe/Warsaw'],
  [0x69, 'Romance Standard Time', 'Europe/Paris'],
  [0x6e, 'W. Europe Standard Time', 'Europe/Berlin'],
  [0x71, 'W. Central Africa Standard Time', 'Africa/Lagos'],
  [0x73, 'E. Europe Standard Time', 'Europe/Chisinau'],
  [0x78, 'Egypt Standard Time', 'Africa/Cairo'],
  [0x7d, 'FLE Standard Time', 'Europe/Helsinki'],
  [0x82, 'GTB Standard Time', 'Europe/Bucharest'],
  [0x87, 'Israel Standard Time', 'Asia/Jerusalem'],
  [0x8c, 'South Africa Standard Time', 'Africa/Johannesburg'],
  [0x91, 'Russian Standard Time', 'Europe/Moscow'],
  [0x96, 'Arab Standard Time', 'Asia/Riyadh'],
  [0x9b, 'E. Africa Standard Time', 'Africa/Nairobi'],
  [0x9e, 'Arabic Standard Time', 'Asia/Baghdad'],
  [0xa0, 'Iran Standard Time', 'Asia/Tehran'],
  [0xa5, 'Arabian Standard Time', 'Asia/Dubai'],
  [0xaa, 'Caucasus Standard Time', 'Asia/Yerevan'],
  [0xaf, 'Afghanistan Standard Time', 'Asia/Kabul'],
  [0xb4, 'Ekaterinburg Standard Time', 'Asia/Yekaterinburg'],
  [0xb9, 'West Asia Standard Time', 'Asia/Tashkent'],
  [0xbe, 'India Standard Time', 'Asia/Kolkata'],
  [0xc1, 'Nepal Standard Time', 'Asia/Kathmandu'],
  [0xc3, 'Central Asia Standard Time', 'Asia/Bishkek'],
  [0xc8, 'Sri Lanka Standard Time', 'Asia/Colombo'],
  [0xc9, 'N. Central Asia Standard Time', 'Asia/Novosibirsk'],
  [0xcb, 'Myanmar Standard Time', 'Asia/Yangon'],
  [0xcd, 'SE Asia Standard Time', 'Asia/Bangkok'],
  [0xcf, 'North Asia Standard Time', 'Asia/Krasnoyarsk'],
  [0xd2, 'China Standard Time', 'Asia/Shanghai'],
  [0xd7, 'Singapore Standard Time', 'Asia/Singapore'],
  [0xdc, 'Taipei Standard Time', 'Asia/Taipei'],
  [0xe1, 'W. Australia Standard Time', 'Australia/Perth'],
  [0xe3, 'North Asia East Standard Time', 'Asia/Irkutsk'],
  [0xe6, 'Korea Standard Time', 'Asia/Seoul'],
  [0xeb, 'Tokyo Standard Time', 'Asia/Tokyo'],
  [0xf0, 'Yakutsk Standard Time', 'Asia/Yakutsk'],
  [0xf5, 'AUS Central Standard Time', 'Australia/Darwin'],
  [0xfa, 'Cen. Australia Standard Time', 'Australia/Adelaide'],
  [0xff, 'AUS Eastern Standard Time', 'Australia/Sydney'],
  [0x104, 'E. Australia Standard Time', 'Australia/Brisbane'],
  [0x109, 'Tasmania Standard Time', 'Australia/Hobart'],
  [0x10e, 'Vladivostok Standard Time', 'Asia/Vladivostok'],
  [0x113, 'West Pacific Standard Time', 'Pacific/Port_Moresby'],
  [0x118, 'Central Pacific Standard Time', 'Pacific/Guadalcanal'],
  [0x11d, 'Fiji Standard Time', 'Pacific/Fiji'],
  [0x122, 'New Zealand Standard Time', 'Pacific/Auckland'],
  [0x12c, 'Tonga Standard Time', 'Pacific/Tongatapu'],
  [0x80000040, 'Azerbaijan Standard Time', 'Asia/Baku'],
  [0x80000041, 'Middle East Standard Time', 'Asia/Beirut'],
  [0x80000042, 'Jordan Standard Time', 'Asia/Amman'],
  [0x80000043, 'Central Standard Time (Mexico)', 'America/Mexico_City'],
  [0x80000044, 'Mountain Standard Time (Mexico)', 'America/Mazatlan'],
  [0x80000045, 'Pacific Standard Time (Mexico)', 'America/Tijuana'],
  [0x80000046, 'Namibia Standard Time', 'Africa/Windhoek'],
  [0x80000047, 'Georgian Standard Time', 'Asia/Tbilisi'],
  [0x80000048, 'Central Brazilian Standard Time', 'America/Cuiaba'],
  [0x80000049, 'Montevideo Standard Time', 'America/Montevideo'],
  [0x8000004a, 'Armenian Standard Time', 'Asia/Yerevan'],
  [0x8000004b, 'Venezuela Standard Time', 'America/Caracas'],
  [0x8000004c, 'Argentina Standard Time', 'America/Buenos_Aires'],
  [0x8000004d, 'Morocco Standard Time', 'Africa/Casablanca'],
  [0x8000004e, 'Pakistan Standard Time', 'Asia/Karachi'],
  [0x8000004f, 'Mauritius Standard Time', 'Indian/Mauritius'],
  [0x80000050, 'UTC', 'UTC'],
  [0x80000051, 'Paraguay Standard Time', 'America/Asuncion'],
  [0x80000052, 'Kamchatka Standard Time', 'Asia/Kamchatka'],
];

export const WINDOWS_ZONES = TABLE;

const key = (name: string) => name.toLowerCase().replace(/[^a-z0-9()]/g, '');
const BY_INDEX = new Map(TABLE.map(([i, w, iana]) => [i, { windows: w, iana }]));
const BY_NAME = new Map(TABLE.map(([, w, iana]) => [key(w), { windows: w, iana }]));

/**
 * The IANA zone for a value of InternalLocations.timeZone: a Microsoft Time Zone Index (decimal,
 * e.g. "190"; our reading of "returns the Microsoft Time Zone Index value") or, defensively, a
 * Windows zone name ("India Standard Time"). Null when the value is neither.
 */
export function ianaForWindowsZone(value: string): { iana: string; windows: string } | null {
  const v = value.trim();
  if (/^\d{1,10}$/.test(v)) return BY_INDEX.get(Number(v)) ?? null;
  return BY_NAME.get(key(v)) ?? null;
}

/** How the fake evaluates filters: what it assumes of Autotask's SQL underneath. */
import type { Evidence } from './types.js';

export const QUERY_EVIDENCE: Evidence[] = [
  {
    id: 'query.null-never-matches',
    behaviour: 'A comparison (noteq included) or an in/notIn list never matches a field that is null; exist/notExist test for null.',
    status: 'unverified',
    sources: ['our reading: SQL semantics under the REST layer (NULL <> 5 is not true); the official "Making basic query calls to the REST API" lists exist/notExist for nulls but does not say how comparisons treat them'],
  },
  {
    id: 'query.string-ops-strings-only',
    behaviour: 'beginsWith, endsWith and contains are refused on fields that are not strings.',
    status: 'unverified',
    sources: ['official: SOAP "QueryXML" expression table (Begins With / Ends With / Contains: string Y, numeric/datetime/boolean X); whether REST refuses or ignores them is not stated'],
  },
  {
    id: 'query.case-insensitive',
    behaviour: 'String comparisons and string operators ignore case.',
    status: 'unverified',
    sources: ['our reading: SQL Server default collation; the SOAP "query()" page says only protected UDFs are case sensitive'],
  },
  {
    id: 'query.operator-casing',
    behaviour: 'Operators are accepted only as documented (eq, noteq, beginsWith, notExist...); "BeginsWith" or "beginswith" is refused.',
    status: 'verified',
    sources: ['official: "Making basic query calls to the REST API" (operator names)'],
    realDiffers:
      'panoramicdata .NET client live tests send Op "BeginsWith" and KelvinTegelaar/AutotaskAPI sends "beginswith", so real Autotask accepts other casings. Our client always sends the documented casing; the fake refuses others so a tool that drifts is caught.',
  },
];

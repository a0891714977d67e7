/**
 * Which time zone date inputs mean (evidence row time.internal-location-zone): configured, read
 * from the tenant's default internal location, or UTC by default. The same rule the tools use.
 */
import pino from 'pino';
import { tenantZone } from '../../tools/tenant-zone.js';
import { commonFix, explain, rethrowBudget } from '../explain.js';
import { fail, pass, warn, type Check } from '../types.js';

const ID = 'time.zone';
const quiet = pino({ level: 'silent' });

export const checkTimeZone: Check = async ({ api, config, emit }) => {
  try {
    const z = await tenantZone({ api, config, logger: quiet });
    if (z.source === 'default') {
      emit(warn(ID, `dates are read in UTC: ${z.detail}.`, 'Set AUTOTASK_TIME_ZONE to your IANA zone (e.g. Europe/Berlin) so that "2026-11-30" means that day where you work.', { ...z }));
      return;
    }
    emit(pass(ID, `dates are read in ${z.name} (${z.detail}).`, { ...z }));
  } catch (err) {
    rethrowBudget(err);
    emit(fail(ID, `reading the tenant's time zone failed: ${explain(err)}`, commonFix(err) ?? 'Set AUTOTASK_TIME_ZONE to your IANA zone (e.g. Europe/Berlin).'));
  }
};

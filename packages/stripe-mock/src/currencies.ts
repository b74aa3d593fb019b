import { errors } from './errors.ts';

/** Stripe's presentment currencies, in the order its "Invalid currency" message lists them. */
export const SUPPORTED_CURRENCIES: readonly string[] = (
  'usd aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bhd bif bmd bnd bob brl bsd bwp byn bzd cad cdf chf ' +
  'clp cny cop crc cve czk djf dkk dop dzd egp etb eur fjd fkp gbp gel gip gmd gnf gtq gyd hkd hnl htg huf idr ils ' +
  'inr isk jmd jod jpy kes kgs khr kmf krw kwd kyd kzt lak lbp lkr lrd lsl mad mdl mga mkd mmk mnt mop mur mvr mwk ' +
  'mxn myr mzn nad ngn nio nok npr nzd omr pab pen pgk php pkr pln pyg qar ron rsd rub rwf sar sbd scr sek sgd shp ' +
  'sle sll sos srd std szl thb tjs tnd top try ttd twd tzs uah ugx uyu uzs vnd vuv wst xaf xcd xof xpf yer zar zmw'
).split(' ');

const SUPPORTED = new Set(SUPPORTED_CURRENCIES);

/** Stripe accepts `USD` and answers `usd`. */
export function checkCurrency(raw: string, param = 'currency'): string {
  const currency = raw.toLowerCase();
  if (!SUPPORTED.has(currency)) throw errors.invalidCurrency(param, raw, SUPPORTED_CURRENCIES);
  return currency;
}

/** Minimum charge per currency (Stripe's published table, the common ones), in minor units. */
const CHARGE_LIMITS: Record<string, { symbol: string; decimals: number; minimum: number }> = {
  usd: { symbol: '$', decimals: 2, minimum: 50 },
  eur: { symbol: '€', decimals: 2, minimum: 50 },
  gbp: { symbol: '£', decimals: 2, minimum: 30 },
  cad: { symbol: '$', decimals: 2, minimum: 50 },
  aud: { symbol: '$', decimals: 2, minimum: 50 },
  nzd: { symbol: '$', decimals: 2, minimum: 50 },
  sgd: { symbol: '$', decimals: 2, minimum: 50 },
  jpy: { symbol: '¥', decimals: 0, minimum: 50 },
};

/** "The amount value supports up to eight digits." */
const MAX_AMOUNT = 99_999_999;

function format(amount: number, currency: string, limit: { symbol: string; decimals: number }): string {
  const major = (amount / 10 ** limit.decimals).toLocaleString('en-US', {
    minimumFractionDigits: limit.decimals,
    maximumFractionDigits: limit.decimals,
  });
  return `${limit.symbol}${major} ${currency}`;
}

/** Throws Stripe's amount_too_small / amount_too_large / "must be ≥ 1" for a charge amount. */
export function checkChargeAmount(amount: number, currency: string): void {
  if (amount < 1) throw errors.integerTooSmall('amount', 1);
  const limit = CHARGE_LIMITS[currency];
  if (!limit) return;
  if (amount < limit.minimum) throw errors.amountTooSmall(format(limit.minimum, currency, limit));
  if (amount > MAX_AMOUNT) throw errors.amountTooLarge(format(MAX_AMOUNT, currency, limit).replace(` ${currency}`, ''));
}

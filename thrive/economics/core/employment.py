"""Money flows when someone moves into paid work: tax, National Insurance, benefits, retention."""

from __future__ import annotations

import numpy as np

from thrive.economics.core.scenario import TaxRules, UniversalCredit

ArrayLike = float | np.ndarray
WEEKS_PER_MONTH = 52.0 / 12.0


def income_tax(gross_annual: ArrayLike, rules: TaxRules) -> ArrayLike:
    """Annual income tax on annual gross pay (no allowance taper above £100,000)."""
    taxable = np.maximum(np.asarray(gross_annual) - rules.personal_allowance, 0.0)
    basic_band = rules.basic_rate_limit - rules.personal_allowance
    top_start = rules.additional_rate_threshold - rules.personal_allowance
    basic = np.minimum(taxable, basic_band)
    higher = np.clip(taxable - basic_band, 0.0, top_start - basic_band)
    additional = np.maximum(taxable - top_start, 0.0)
    return (
        rules.basic_rate * basic + rules.higher_rate * higher + rules.additional_rate * additional
    )


def national_insurance(gross_annual: ArrayLike, rules: TaxRules) -> ArrayLike:
    """Annual employee Class 1 National Insurance on annual gross pay."""
    gross = np.asarray(gross_annual)
    main_band = rules.ni_upper_earnings_limit - rules.ni_primary_threshold
    main = np.clip(gross - rules.ni_primary_threshold, 0.0, main_band)
    upper = np.maximum(gross - rules.ni_upper_earnings_limit, 0.0)
    return rules.ni_main_rate * main + rules.ni_upper_rate * upper


def net_pay(gross_annual: ArrayLike, rules: TaxRules) -> ArrayLike:
    """Annual take-home pay after income tax and employee National Insurance."""
    return gross_annual - income_tax(gross_annual, rules) - national_insurance(gross_annual, rules)


def gross_from_net(net_annual: ArrayLike, rules: TaxRules) -> ArrayLike:
    """Annual gross pay that leaves this annual take-home pay (exact: net is piecewise linear)."""
    corners = np.array(
        sorted(
            {
                0.0,
                rules.personal_allowance,
                rules.basic_rate_limit,
                rules.additional_rate_threshold,
                rules.ni_primary_threshold,
                rules.ni_upper_earnings_limit,
                1e9,
            }
        )
    )
    return np.interp(net_annual, net_pay(corners, rules), corners)


def universal_credit_award(net_monthly: ArrayLike, uc: UniversalCredit) -> ArrayLike:
    """Monthly Universal Credit left after the taper on net earnings above the work allowance."""
    above = np.maximum(np.asarray(net_monthly) - uc.work_allowance, 0.0)
    return np.maximum(uc.maximum_award - uc.taper * above, 0.0)


def months_in_work(
    monthly_drop_off: ArrayLike, horizon_years: int, discount_rate: float
) -> ArrayLike:
    """Expected discounted months in work per starter: each month a fraction drops out of work."""
    p = np.asarray(monthly_drop_off, dtype=float)
    stay = 1.0 - p
    safe_p = np.where(p > 1e-12, p, 1.0)
    per_year = np.where(p > 1e-12, (1.0 - stay**12) / safe_p, 12.0)
    total = np.zeros_like(per_year)
    for year in range(horizon_years):
        total = total + per_year * stay ** (12 * year) / (1.0 + discount_rate) ** year
    return total


def months_in_work_from(
    monthly_drop_off: ArrayLike, horizon_years: int, discount_rate: float, start_month: int
) -> ArrayLike:
    """Expected discounted months in work for a job that starts `start_month` months into the
    horizon, each month a fraction dropping out; months after the horizon do not count."""
    p = np.asarray(monthly_drop_off, dtype=float)
    stay = 1.0 - p
    safe_p = np.where(p > 1e-12, p, 1.0)
    total = np.zeros_like(p)
    for year in range(horizon_years):
        first = max(start_month, 12 * year)
        months = 12 * (year + 1) - first
        if months <= 0:
            continue
        kept = stay ** (first - start_month)
        in_year = np.where(p > 1e-12, kept * (1.0 - stay**months) / safe_p, float(months))
        total = total + in_year / (1.0 + discount_rate) ** year
    return total

"""Probability distributions for uncertain inputs: parsing, moments, sampling, percentiles."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from thrive.economics.core.errors import ScenarioError

KINDS = ("fixed", "normal", "lognormal", "gamma", "beta", "uniform", "triangular", "pert")

_ACCEPTED_KEYS: dict[str, tuple[frozenset[str], ...]] = {
    "fixed": (frozenset({"value"}),),
    "normal": (frozenset({"mean", "sd"}),),
    "lognormal": (frozenset({"mean", "sd"}), frozenset({"meanlog", "sdlog"})),
    "gamma": (frozenset({"mean", "sd"}), frozenset({"shape", "scale"})),
    "beta": (frozenset({"mean", "sd"}), frozenset({"alpha", "beta"})),
    "uniform": (frozenset({"low", "high"}),),
    "triangular": (frozenset({"low", "mode", "high"}),),
    "pert": (frozenset({"low", "mode", "high"}), frozenset({"low", "mode", "high", "lambda"})),
}
_COMMON_KEYS = frozenset({"dist", "negate"})


@dataclass(frozen=True)
class Distribution:
    """One distribution in canonical parameters; `sign` -1 flips draws for reductions."""

    kind: str
    params: tuple[float, ...]
    sign: float = 1.0

    @property
    def is_fixed(self) -> bool:
        """Whether the value is certain (no random draws needed)."""
        return self.kind == "fixed"

    def mean(self) -> float:
        """Expected value; used as the deterministic (base-case) value."""
        return self.sign * _unsigned_mean(self.kind, self.params)

    def sd(self) -> float:
        """Standard deviation."""
        return _unsigned_sd(self.kind, self.params)

    def support(self) -> tuple[float, float]:
        """Smallest and largest value a draw can take."""
        lo, hi = _unsigned_support(self.kind, self.params)
        return (lo, hi) if self.sign > 0 else (-hi, -lo)

    def ppf(self, q: float) -> float:
        """Value below which a fraction q of draws fall (inverse cumulative distribution)."""
        if self.sign < 0:
            return -_unsigned_ppf(self.kind, self.params, 1.0 - q)
        return _unsigned_ppf(self.kind, self.params, q)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """Draw n values from rng, element by element, so chunked draws match one big draw."""
        draws = _unsigned_sample(self.kind, self.params, rng, n)
        return -draws if self.sign < 0 else draws


def fixed(value: float) -> Distribution:
    """A certain value."""
    return Distribution("fixed", (float(value),))


def gamma_shape_scale(mean: float, sd: float) -> tuple[float, float]:
    """Gamma shape and scale with the given mean and sd (method of moments)."""
    shape = (mean / sd) ** 2
    return shape, mean / shape


def beta_alpha_beta(mean: float, sd: float) -> tuple[float, float]:
    """Beta alpha and beta with the given mean and sd (method of moments)."""
    common = mean * (1.0 - mean) / sd**2 - 1.0
    return mean * common, (1.0 - mean) * common


def lognormal_meanlog_sdlog(mean: float, sd: float) -> tuple[float, float]:
    """Log-scale mean and sd of a lognormal with the given natural-scale mean and sd."""
    sdlog = math.sqrt(math.log1p((sd / mean) ** 2))
    return math.log(mean) - sdlog**2 / 2.0, sdlog


def pert_alpha_beta(low: float, mode: float, high: float, lam: float) -> tuple[float, float]:
    """Shape parameters of the beta behind a PERT distribution."""
    width = high - low
    return 1.0 + lam * (mode - low) / width, 1.0 + lam * (high - mode) / width


def parse_distribution(value: Any, key: str) -> Distribution:
    """A Distribution from a TOML number or inline table; errors name `key` and the bad field."""
    if isinstance(value, bool):
        raise ScenarioError(key, f"must be a number or a distribution table (got {value!r})")
    if isinstance(value, int | float):
        return _fixed_checked(value, key)
    if not isinstance(value, Mapping):
        raise ScenarioError(key, f"must be a number or a distribution table (got {value!r})")
    table = dict(value)
    kind = table.get("dist", "fixed" if "value" in table else None)
    if kind is None:
        raise ScenarioError(f"{key}.dist", "missing; name a distribution: " + ", ".join(KINDS))
    if kind not in KINDS:
        raise ScenarioError(
            f"{key}.dist", f"unknown distribution {kind!r}; use one of " + ", ".join(KINDS)
        )
    negate = table.get("negate", False)
    if not isinstance(negate, bool):
        raise ScenarioError(f"{key}.negate", f"must be true or false (got {negate!r})")
    given = frozenset(table) - _COMMON_KEYS
    shapes = _ACCEPTED_KEYS[kind]
    known = frozenset().union(*shapes)
    for extra in sorted(given - known):
        raise ScenarioError(f"{key}.{extra}", f"unknown key for a {kind} distribution")
    shape = next((s for s in shapes if s == given), None)
    if shape is None:
        wanted = " or ".join("/".join(sorted(s)) for s in shapes)
        missing = sorted(min(shapes, key=lambda s: len(s - given)) - given)
        where = f"{key}.{missing[0]}" if missing else key
        raise ScenarioError(where, f"a {kind} distribution needs {wanted}")
    numbers = {name: _number(table[name], f"{key}.{name}") for name in shape}
    dist = _build(kind, numbers, key)
    return Distribution(dist.kind, dist.params, -1.0 if negate else 1.0)


def _fixed_checked(value: float, key: str) -> Distribution:
    if not math.isfinite(value):
        raise ScenarioError(key, f"must be a finite number (got {value})")
    return fixed(value)


def _number(value: Any, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScenarioError(key, f"must be a number (got {value!r})")
    if not math.isfinite(value):
        raise ScenarioError(key, f"must be a finite number (got {value})")
    return float(value)


def _positive(numbers: Mapping[str, float], name: str, key: str) -> float:
    value = numbers[name]
    if value <= 0:
        raise ScenarioError(f"{key}.{name}", f"must be positive (got {_show(value)})")
    return value


def _show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _build(kind: str, n: Mapping[str, float], key: str) -> Distribution:
    if kind == "fixed":
        return fixed(n["value"])
    if kind == "normal":
        return Distribution(kind, (n["mean"], _positive(n, "sd", key)))
    if kind == "lognormal":
        if "meanlog" in n:
            return Distribution(kind, (n["meanlog"], _positive(n, "sdlog", key)))
        mean, sd = _positive(n, "mean", key), _positive(n, "sd", key)
        return Distribution(kind, lognormal_meanlog_sdlog(mean, sd))
    if kind == "gamma":
        if "shape" in n:
            return Distribution(kind, (_positive(n, "shape", key), _positive(n, "scale", key)))
        mean, sd = _positive(n, "mean", key), _positive(n, "sd", key)
        return Distribution(kind, gamma_shape_scale(mean, sd))
    if kind == "beta":
        if "alpha" in n:
            return Distribution(kind, (_positive(n, "alpha", key), _positive(n, "beta", key)))
        mean = n["mean"]
        if not 0.0 < mean < 1.0:
            raise ScenarioError(f"{key}.mean", f"must be between 0 and 1 (got {_show(mean)})")
        sd = _positive(n, "sd", key)
        limit = math.sqrt(mean * (1.0 - mean))
        if sd >= limit:
            raise ScenarioError(
                f"{key}.sd", f"must be below {limit:.4g} for a beta with mean {mean:g} (got {sd:g})"
            )
        return Distribution(kind, beta_alpha_beta(mean, sd))
    low, high = n["low"], n["high"]
    if high <= low:
        raise ScenarioError(
            f"{key}.high", f"must be greater than low ({_show(low)}) (got {_show(high)})"
        )
    if kind == "uniform":
        return Distribution(kind, (low, high))
    mode = n["mode"]
    if not low <= mode <= high:
        raise ScenarioError(
            f"{key}.mode",
            f"must lie between low and high ({low:g} to {high:g}) (got {_show(mode)})",
        )
    if kind == "triangular":
        return Distribution(kind, (low, mode, high))
    lam = n.get("lambda", 4.0)
    if lam <= 0:
        raise ScenarioError(f"{key}.lambda", f"must be positive (got {_show(lam)})")
    return Distribution(kind, (low, mode, high, lam))


def _unsigned_mean(kind: str, p: tuple[float, ...]) -> float:
    if kind == "fixed":
        return p[0]
    if kind == "normal":
        return p[0]
    if kind == "lognormal":
        return math.exp(p[0] + p[1] ** 2 / 2.0)
    if kind == "gamma":
        return p[0] * p[1]
    if kind == "beta":
        return p[0] / (p[0] + p[1])
    if kind == "uniform":
        return (p[0] + p[1]) / 2.0
    if kind == "triangular":
        return (p[0] + p[1] + p[2]) / 3.0
    low, mode, high, lam = p
    return (low + lam * mode + high) / (lam + 2.0)


def _unsigned_sd(kind: str, p: tuple[float, ...]) -> float:
    if kind == "fixed":
        return 0.0
    if kind == "normal":
        return p[1]
    if kind == "lognormal":
        return math.sqrt(math.expm1(p[1] ** 2)) * math.exp(p[0] + p[1] ** 2 / 2.0)
    if kind == "gamma":
        return math.sqrt(p[0]) * p[1]
    if kind == "beta":
        a, b = p
        return math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1.0)))
    if kind == "uniform":
        return (p[1] - p[0]) / math.sqrt(12.0)
    if kind == "triangular":
        a, c, b = p
        return math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18.0)
    low, mode, high, lam = p
    a, b = pert_alpha_beta(low, mode, high, lam)
    return (high - low) * math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1.0)))


def _unsigned_support(kind: str, p: tuple[float, ...]) -> tuple[float, float]:
    if kind == "fixed":
        return p[0], p[0]
    if kind == "normal":
        return -math.inf, math.inf
    if kind in ("lognormal", "gamma"):
        return 0.0, math.inf
    if kind == "beta":
        return 0.0, 1.0
    if kind == "uniform":
        return p[0], p[1]
    return p[0], p[-2] if kind == "pert" else p[2]


def _unsigned_ppf(kind: str, p: tuple[float, ...], q: float) -> float:
    from scipy import stats

    if kind == "fixed":
        return p[0]
    if kind == "normal":
        return float(stats.norm.ppf(q, loc=p[0], scale=p[1]))
    if kind == "lognormal":
        return float(stats.lognorm.ppf(q, s=p[1], scale=math.exp(p[0])))
    if kind == "gamma":
        return float(stats.gamma.ppf(q, a=p[0], scale=p[1]))
    if kind == "beta":
        return float(stats.beta.ppf(q, p[0], p[1]))
    if kind == "uniform":
        return p[0] + q * (p[1] - p[0])
    if kind == "triangular":
        low, mode, high = p
        c = (mode - low) / (high - low)
        return float(stats.triang.ppf(q, c, loc=low, scale=high - low))
    low, mode, high, lam = p
    a, b = pert_alpha_beta(low, mode, high, lam)
    return low + (high - low) * float(stats.beta.ppf(q, a, b))


def _unsigned_sample(
    kind: str, p: tuple[float, ...], rng: np.random.Generator, n: int
) -> np.ndarray:
    if kind == "fixed":
        return np.full(n, p[0])
    if kind == "normal":
        return rng.normal(p[0], p[1], n)
    if kind == "lognormal":
        return rng.lognormal(p[0], p[1], n)
    if kind == "gamma":
        return rng.gamma(p[0], p[1], n)
    if kind == "beta":
        return rng.beta(p[0], p[1], n)
    if kind == "uniform":
        return rng.uniform(p[0], p[1], n)
    if kind == "triangular":
        return rng.triangular(p[0], p[1], p[2], n)
    low, mode, high, lam = p
    a, b = pert_alpha_beta(low, mode, high, lam)
    draws = rng.beta(a, b, n)
    draws *= high - low
    draws += low
    return draws

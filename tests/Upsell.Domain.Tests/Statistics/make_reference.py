#!/usr/bin/python3
"""Writes reference.json: the statistics the report computes, worked out independently with SciPy and statsmodels.

Run from this folder with Debian's python3-scipy and python3-statsmodels (apt):  /usr/bin/python3 make_reference.py
Revenue arms are drawn as raw per-visitor values, so the reference variances come from the data itself
(numpy, ddof=1), not from the sums of squares the C# code reads.
"""
import json
import math

import numpy as np
from scipy import stats
from statsmodels.stats.power import NormalIndPower

ALPHA, MINIMUM_EFFECT, POWER = 0.05, 0.1, 0.8
rng = np.random.default_rng(20261124)


def binary(n, successes):
    values = np.zeros(n)
    values[:successes] = 1
    return values


def revenue(n, buy_rate, mean_price, cap):
    buys = rng.random(n) < buy_rate
    values = np.where(buys, np.minimum(rng.lognormal(math.log(mean_price), 0.8, n).round(), cap), 0)
    return values


def summary(values):
    return {"count": int(len(values)), "sum": float(values.sum()), "sumOfSquares": float((values ** 2).sum())}


def compare(name, control, treatment):
    nc, nt = len(control), len(treatment)
    mc, mt = control.mean(), treatment.mean()
    vc, vt = control.var(ddof=1) / nc, treatment.var(ddof=1) / nt
    diff, se = mt - mc, math.sqrt(vc + vt)
    z = stats.norm.ppf(1 - ALPHA / 2)
    lift = mt / mc - 1
    lift_se = math.sqrt(vt / mc ** 2 + mt ** 2 * vc / mc ** 4)
    # Normal-mixture sequential test (Johari et al., "Always valid inference", 2017), mixing variance tau^2.
    tau2 = (MINIMUM_EFFECT * abs(mc)) ** 2
    v = vc + vt
    width = math.sqrt(v * (v + tau2) / tau2 * (math.log((v + tau2) / v) - 2 * math.log(ALPHA)))
    likelihood_ratio = math.sqrt(v / (v + tau2)) * math.exp(diff ** 2 * tau2 / (2 * v * (v + tau2)))
    pooled_sd = math.sqrt((control.var(ddof=1) + treatment.var(ddof=1)) / 2)
    n_per_arm = NormalIndPower().solve_power(effect_size=MINIMUM_EFFECT * abs(mc) / pooled_sd, alpha=ALPHA,
                                             power=POWER, ratio=1.0, alternative="two-sided")
    return {
        "name": name, "control": summary(control), "treatment": summary(treatment),
        "difference": diff, "low": diff - z * se, "high": diff + z * se,
        "relativeLift": lift, "relativeLow": lift - z * lift_se, "relativeHigh": lift + z * lift_se,
        "pValue": 2 * stats.norm.sf(abs(diff) / se),
        "alwaysValidLow": diff - width, "alwaysValidHigh": diff + width,
        "alwaysValidPValue": min(1.0, 1 / likelihood_ratio),
        "chanceToBeatControl": stats.norm.cdf(diff / se),
        "sampleSizePerArm": math.ceil(n_per_arm),
    }


comparisons = [
    compare("acceptance, clear win", binary(4000, 200), binary(4000, 280)),
    compare("acceptance, no difference", binary(2500, 125), binary(2600, 128)),
    compare("acceptance, small and unequal arms", binary(180, 9), binary(220, 7)),
    compare("acceptance, variant worse", binary(20000, 1500), binary(19800, 1210)),
    compare("revenue per visitor, lift", revenue(3000, 0.06, 1500, 20000), revenue(3000, 0.08, 1500, 20000)),
    compare("revenue per visitor, noisy", revenue(800, 0.05, 4000, 20000), revenue(760, 0.05, 4200, 20000)),
]

sample_ratio = []
for counts, weights in [([5000, 5000], [0.5, 0.5]), ([5210, 4790], [0.5, 0.5]), ([3400, 3300, 3300], [1 / 3, 1 / 3, 1 / 3]),
                        ([7600, 2400], [0.75, 0.25]), ([10150, 9850], [0.5, 0.5])]:
    total = sum(counts)
    result = stats.chisquare(counts, [total * w / sum(weights) for w in weights])
    sample_ratio.append({"counts": counts, "weights": weights, "chiSquare": float(result.statistic), "pValue": float(result.pvalue)})

with open("reference.json", "w") as out:
    json.dump({"alpha": ALPHA, "minimumEffect": MINIMUM_EFFECT, "power": POWER, "comparisons": comparisons,
               "sampleRatio": sample_ratio}, out, indent=1)
    out.write("\n")

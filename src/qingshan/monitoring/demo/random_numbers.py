"""Reproducible random numbers: hashed uniforms and normals (vectorised, Polars) and AR(1)
series (a seeded `random.Random`)."""

from __future__ import annotations

import math
import random

import polars as pl


def uniform(*keys: pl.Expr | int, seed: int) -> pl.Expr:
    """A uniform number in (0, 1) from a hash of the keys: vectorised and reproducible."""
    parts = [k if isinstance(k, pl.Expr) else pl.lit(k) for k in keys]
    named = [p.alias(f"k{i}") for i, p in enumerate(parts)]
    return ((pl.struct(named).hash(seed) % 1_000_003) + 0.5) / 1_000_004.0


def normal(*keys: pl.Expr | int, seed: int) -> pl.Expr:
    """A standard normal number (Box–Muller over two hashed uniforms)."""
    u1 = uniform(*keys, seed=seed)
    u2 = uniform(*keys, seed=seed + 7919)
    return (-2.0 * u1.log()).sqrt() * (2 * math.pi * u2).cos()


def ar1(n: int, phi: float, sigma: float, rng: random.Random) -> list[float]:
    """A stationary AR(1) series with marginal standard deviation `sigma`."""
    innovation = sigma * math.sqrt(1 - phi * phi)
    x = rng.gauss(0, sigma)
    out = []
    for _ in range(n):
        x = phi * x + rng.gauss(0, innovation)
        out.append(x)
    return out

"""Cited tables, one module per edition. Data only: no logic lives here.

A new edition is added by writing a module with the same names as its predecessor and
registering it in :mod:`qingshan.standards.editions`.
"""

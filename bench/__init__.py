"""Caveat's benchmarks: `make bench` runs them all and writes docs/benchmarks.md.

Every speed goal is a ratio or a rate measured within one run on the machine at hand, never an
absolute timing asserted in a test: the tests stay green on a slow machine, and the numbers
here say how slow it was.
"""

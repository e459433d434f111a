"""Pilotboard: run testbed pilots from the chosen customer to the company-wide scale decision."""

__version__ = "0.1.0"

"""Decorator methods, one module per service area, as trigger and binding mixins."""

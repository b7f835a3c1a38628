"""Formatting for amounts of time: 1.5 rather than 1.50, 2 rather than 2.00."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def amount(value) -> str:
    try:
        text = f"{Decimal(value or 0):f}"
    except (InvalidOperation, TypeError, ValueError):
        return ""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text

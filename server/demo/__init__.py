"""Synthetic demo data for e-Kinerja Salatiga.

The organisation follows the real shape of Pemerintah Kota Salatiga (perangkat daerah, the four
kecamatan and 23 kelurahan); every person, name and NIP is invented. ``generate_city`` returns
plain frozen records; the loader inserts them.
"""

from server.demo.accounts import DEMO_PASSWORD
from server.demo.city import FULL_SIZE, generate_city
from server.demo.records import (
    DemoAccount,
    DemoAssessorOverride,
    DemoCity,
    DemoEmployee,
    DemoPosition,
    DemoUnit,
)

__all__ = [
    "DEMO_PASSWORD",
    "FULL_SIZE",
    "DemoAccount",
    "DemoAssessorOverride",
    "DemoCity",
    "DemoEmployee",
    "DemoPosition",
    "DemoUnit",
    "generate_city",
]

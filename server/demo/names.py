"""Name pools for the synthetic demo city. Every person built from them is invented.

Central-Javanese naming has no family names: a person carries one to three given names, often
with birth-order prefixes (Eko, Dwi, Tri …) and the -ningsih / -wati endings for women. Salatiga
has a sizeable Christian community, so some names are baptismal (Yohanes, Maria, Theresia …).
Names are composed from parts; the pools are large enough that repeats are rare, as in real life.
"""

from __future__ import annotations

import random

from server.demo.jobs import Education
from server.domain.enums import Gender

MALE_FIRST = (
    "Agus",
    "Bambang",
    "Budi",
    "Eko",
    "Joko",
    "Hadi",
    "Heru",
    "Slamet",
    "Sigit",
    "Teguh",
    "Wahyu",
    "Yudi",
    "Bayu",
    "Aris",
    "Ari",
    "Danang",
    "Fajar",
    "Gunawan",
    "Hendro",
    "Iwan",
    "Kukuh",
    "Rudi",
    "Sugeng",
    "Sutrisno",
    "Wisnu",
    "Yoga",
    "Adi",
    "Arif",
    "Anang",
    "Dimas",
    "Galih",
    "Hendra",
    "Imam",
    "Rizki",
    "Muhammad",
    "Ahmad",
    "Nur",
    "Prasetyo",
    "Setyo",
    "Endro",
    "Priyo",
    "Kris",
    "Bagus",
    "Rahmat",
    "Aji",
    "Ferry",
    "Didik",
    "Tono",
)
FEMALE_FIRST = (
    "Sri",
    "Endang",
    "Ratna",
    "Retno",
    "Rina",
    "Dewi",
    "Siti",
    "Ika",
    "Dyah",
    "Rini",
    "Yuli",
    "Fitri",
    "Novita",
    "Indah",
    "Ani",
    "Puji",
    "Tutik",
    "Endah",
    "Nining",
    "Yeni",
    "Desi",
    "Anita",
    "Putri",
    "Ayu",
    "Nur",
    "Wahyu",
    "Lilik",
    "Kurnia",
    "Dian",
    "Eni",
    "Susi",
    "Rahma",
    "Tri",
    "Nanik",
    "Umi",
    "Listya",
    "Mega",
    "Winda",
    "Galuh",
    "Sekar",
    "Laras",
    "Wulan",
)
# Birth-order prefixes (first-born sons are Eko, daughters Eka).
MALE_ORDINALS = ("Eko", "Dwi", "Tri", "Catur")
FEMALE_ORDINALS = ("Eka", "Dwi", "Tri", "Catur")
CHRISTIAN_MALE = (
    "Yohanes",
    "Petrus",
    "Paulus",
    "Yosef",
    "Stefanus",
    "Markus",
    "Daniel",
    "Yakobus",
    "Antonius",
    "Fransiskus",
    "Gregorius",
    "Ignatius",
    "Matius",
    "Timotius",
    "Samuel",
    "Andreas",
    "Benediktus",
    "Kristian",
    "Yonathan",
    "Yosua",
)
CHRISTIAN_FEMALE = (
    "Maria",
    "Theresia",
    "Agnes",
    "Veronika",
    "Yuliana",
    "Christina",
    "Margaretha",
    "Elisabeth",
    "Lucia",
    "Kristina",
    "Natalia",
    "Febriana",
    "Caecilia",
    "Monika",
    "Debora",
    "Ester",
    "Rut",
    "Yohana",
    "Priska",
    "Yemima",
)
MALE_LAST = (
    "Setiawan",
    "Triyono",
    "Santoso",
    "Prasetyo",
    "Wibowo",
    "Nugroho",
    "Susanto",
    "Purnomo",
    "Hidayat",
    "Kurniawan",
    "Saputra",
    "Hartono",
    "Sulistyo",
    "Raharjo",
    "Wijaya",
    "Pambudi",
    "Utomo",
    "Firmansyah",
    "Suryanto",
    "Haryanto",
    "Subagyo",
    "Riyadi",
    "Mulyono",
    "Sudarmaji",
    "Wicaksono",
    "Nugraha",
    "Prakoso",
    "Cahyono",
    "Budiarto",
    "Darmawan",
    "Sasongko",
    "Suharyono",
    "Widiyanto",
    "Hermawan",
    "Ardiansyah",
    "Setyawan",
    "Yulianto",
    "Budiman",
    "Prihatmoko",
    "Rahmanto",
    "Susilo",
    "Hadiyanto",
    "Hariyadi",
    "Nurcahyo",
)
FEMALE_LAST = (
    "Wahyuningsih",
    "Lestari",
    "Rahayu",
    "Handayani",
    "Sulistyowati",
    "Purwaningsih",
    "Rahmawati",
    "Setyaningsih",
    "Kurniasih",
    "Susanti",
    "Wulandari",
    "Astuti",
    "Pratiwi",
    "Utami",
    "Hastuti",
    "Wijayanti",
    "Sari",
    "Nurhayati",
    "Mulyani",
    "Puspitasari",
    "Anggraeni",
    "Permatasari",
    "Yuliani",
    "Ningrum",
    "Damayanti",
    "Widyastuti",
    "Hartati",
    "Suryani",
    "Indriyani",
    "Kusumawati",
    "Novitasari",
    "Maharani",
    "Prihatin",
    "Setyowati",
    "Ambarwati",
    "Nurjanah",
    "Retnaningsih",
    "Sulistyaningrum",
    "Rahmadani",
    "Oktaviani",
)
# Surnames-like last names heard mostly in Christian families.
CHRISTIAN_MALE_LAST = ("Kristiyanto", "Kristianto", "Kristiadi", "Christanto")
CHRISTIAN_FEMALE_LAST = ("Kristiani", "Kristanti", "Kristiyani", "Natalia")
# Second names that fit between a first and a last name ("Dwi Ratna Sari").
MALE_MIDDLE = ("Budi", "Adi", "Agung", "Hari", "Joko", "Nur", "Rahmat", "Sigit", "Arief", "Dwi")
FEMALE_MIDDLE = ("Ratna", "Retno", "Dewi", "Ayu", "Nur", "Puji", "Sri", "Rini", "Dyah", "Endah")

# Famous people whose exact names a demo should not reuse.
_AVOID = frozenset({"Joko Widodo", "Bambang Soesatyo", "Susilo Bambang Yudhoyono"})


def invent_name(rng: random.Random, gender: Gender, *, christian_share: float = 0.2) -> str:
    """A plausible Central-Javanese given-name sequence without titles."""
    female = gender is Gender.PEREMPUAN
    while True:
        roll = rng.random()
        last = rng.choice(FEMALE_LAST if female else MALE_LAST)
        if rng.random() < christian_share:
            first = rng.choice(CHRISTIAN_FEMALE if female else CHRISTIAN_MALE)
            if rng.random() < 0.25:
                last = rng.choice(CHRISTIAN_FEMALE_LAST if female else CHRISTIAN_MALE_LAST)
        elif roll < 0.12:
            first = rng.choice(FEMALE_ORDINALS if female else MALE_ORDINALS)
        else:
            first = rng.choice(FEMALE_FIRST if female else MALE_FIRST)
        parts = [first]
        if rng.random() < 0.45:  # three-part names are common and keep repeats rare
            middle = rng.choice(FEMALE_MIDDLE if female else MALE_MIDDLE)
            if not last.startswith(middle):  # no "Nur Nurcahyo"
                parts.append(middle)
        parts.append(last)
        words = " ".join(parts).split()
        name = " ".join(words)
        if len(set(words)) == len(words) and name not in _AVOID:  # no "Nur Nur …"
            return name


def with_titles(name: str, education: Education) -> str:
    """ "dr. Maria Lestari, M.Kes.": prefix titles before, degree titles after a comma."""
    text = f"{education.prefix} {name}" if education.prefix else name
    return f"{text}, {education.suffix}" if education.suffix else text

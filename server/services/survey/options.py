"""The fixed choices of the survey form: unsur questions and the optional respondent profile.

Stored values are stable codes; labels are Indonesian with an English hint. The profile has no
field that could identify a person (no name, phone, address, exact age or place).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from server.domain.ikm import UNSUR, Unsur, UnsurInfo


@dataclass(frozen=True)
class Choice:
    code: str
    label: str  # Indonesian, shown first
    hint: str  # English


@dataclass(frozen=True)
class UnsurQuestion:
    info: UnsurInfo
    english: str
    question: str  # the questionnaire's wording (PermenPANRB 14/2017, lampiran)

    @property
    def code(self) -> Unsur:
        return self.info.code

    @property
    def field(self) -> str:
        """Form and JSON field name: u1 … u9."""
        return self.info.code.value.lower()


_ENGLISH_AND_QUESTION: Mapping[Unsur, tuple[str, str]] = {
    Unsur.U1: (
        "Requirements",
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
        "pelayanannya?",
    ),
    Unsur.U2: (
        "Systems, mechanisms and procedures",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    ),
    Unsur.U3: (
        "Completion time",
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    ),
    Unsur.U4: (
        "Cost or tariff",
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    ),
    Unsur.U5: (
        "Service product specification",
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
        "dalam standar pelayanan dengan hasil yang diberikan?",
    ),
    Unsur.U6: (
        "Staff competence",
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    ),
    Unsur.U7: (
        "Staff conduct",
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan "
        "dan keramahan?",
    ),
    Unsur.U8: (
        "Handling of complaints, suggestions and feedback",
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
    ),
    Unsur.U9: (
        "Facilities and infrastructure",
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
    ),
}

QUESTIONS: tuple[UnsurQuestion, ...] = tuple(
    UnsurQuestion(info, *_ENGLISH_AND_QUESTION[info.code]) for info in UNSUR
)

GENDERS: tuple[Choice, ...] = (
    Choice("LAKI_LAKI", "Laki-laki", "Male"),
    Choice("PEREMPUAN", "Perempuan", "Female"),
)
AGE_BANDS: tuple[Choice, ...] = (
    Choice("LT20", "Di bawah 20 tahun", "Under 20"),
    Choice("20_29", "20–29 tahun", "20–29"),
    Choice("30_39", "30–39 tahun", "30–39"),
    Choice("40_49", "40–49 tahun", "40–49"),
    Choice("50_59", "50–59 tahun", "50–59"),
    Choice("GE60", "60 tahun ke atas", "60 or older"),
)
EDUCATIONS: tuple[Choice, ...] = (
    Choice("SD", "SD atau sederajat", "Primary school"),
    Choice("SMP", "SMP atau sederajat", "Junior high school"),
    Choice("SMA_SMK", "SMA/SMK atau sederajat", "Senior high school"),
    Choice("D1_D3", "D1–D3", "Diploma"),
    Choice("D4_S1", "D4/S1", "Bachelor's degree"),
    Choice("S2", "S2", "Master's degree"),
    Choice("S3", "S3", "Doctorate"),
)
OCCUPATIONS: tuple[Choice, ...] = (
    Choice("PNS_TNI_POLRI", "PNS/TNI/Polri", "Civil servant, military or police"),
    Choice("PEGAWAI_SWASTA", "Pegawai swasta", "Private employee"),
    Choice("WIRASWASTA", "Wiraswasta", "Self-employed"),
    Choice("PELAJAR_MAHASISWA", "Pelajar/Mahasiswa", "Student"),
    Choice("LAINNYA", "Lainnya", "Other"),
)


@dataclass(frozen=True)
class ProfileField:
    field: str
    label: str
    hint: str
    choices: tuple[Choice, ...]

    def codes(self) -> frozenset[str]:
        return frozenset(c.code for c in self.choices)


PROFILE_FIELDS: tuple[ProfileField, ...] = (
    ProfileField("gender", "Jenis kelamin", "Gender", GENDERS),
    ProfileField("age_band", "Usia", "Age", AGE_BANDS),
    ProfileField("education", "Pendidikan terakhir", "Education", EDUCATIONS),
    ProfileField("occupation", "Pekerjaan utama", "Occupation", OCCUPATIONS),
)

COMMENT_MAX_LENGTH = 2_000
MIN_ANSWERED = 5  # of the nine unsur; fewer says too little to count
HONEYPOT_FIELD = "website"
COMMENT_FIELD = "comment"

ALLOWED_FIELDS: frozenset[str] = frozenset(
    [q.field for q in QUESTIONS]
    + [p.field for p in PROFILE_FIELDS]
    + [COMMENT_FIELD, HONEYPOT_FIELD]
)

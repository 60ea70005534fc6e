"""The citizen satisfaction survey (SKM, PermenPANRB 14/2017) as use cases.

- ``services``: jenis layanan with their survey tokens, monthly user counts, follow-ups;
- ``submission``: the public, anonymous answer with its abuse controls;
- ``moderation``: comments before any public use, officer names kept internal;
- ``ikm``: the Indeks Kepuasan Masyarakat per service, unit and instansi from SQL aggregates;
- ``qr``: the printable QR code of a service's survey link.
"""

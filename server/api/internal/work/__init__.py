"""Internal GraphQL for doing the work: rencana aksi, realisasi, catatan kerja, bukti dukung."""

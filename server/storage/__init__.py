"""Evidence file store (bukti dukung): content-addressed files on local disk, type sniffing."""
